// The README's counter half in a client with only the 2013 service contract (client-2013.mjs, from NodeScript):
// increment with a callback, and the new value pushed to onChange. Prints "RESULT <json>".
import { connect } from './client-2013.mjs';

const app = await connect(process.argv[2]);
const counter = app.api.counter;
const pushed = new Promise(resolve => counter.onChange(resolve));
const answered = await new Promise(resolve => counter.increment(2, resolve));
console.log('RESULT ' + JSON.stringify([answered, await pushed]));
app.close();
