// Calls the echo service through the half NodeScriptTest gives it, in the 2013 client. Prints "RESULT <json>".
import { connect } from './client-2013.mjs';

const app = await connect(process.argv[2]);
console.log('CONNECTED ' + Object.keys(app.api).join(','));
const answer = await new Promise(resolve => app.api.echo.call({ hi: 1 }, resolve));
console.log('RESULT ' + JSON.stringify({ echo: answer.echo, user: answer.user, client: Object.keys(app.services.echo).sort() }));
app.close();
