// The browser half in a client with only the 2013 service contract (client-2013.mjs, put next to this script by
// the testkit's NodeScript): add with a callback, and the new value pushed to onChange. Prints "RESULT <json>".
import { connect } from './client-2013.mjs';

const app = await connect(process.argv[2]);
const half = app.api['${serviceName}'];
const pushed = new Promise(resolve => half.onChange(resolve));
const answered = await new Promise(resolve => half.add(1, (err, value) => resolve(value)));
console.log('RESULT ' + JSON.stringify([answered, await pushed]));
app.close();
