// The rpc browser half in a client with only the 2013 service contract (client-2013.mjs, given by the testkit's
// NodeScript): calls with a callback and as a promise, an error answer, several calls in flight at once, and a
// client timeout for a call that gets no answer. Prints one line "RESULT <json>".
import { connect } from './client-2013.mjs';

const app = await connect(process.argv[2]);
const rpc = app.api.rpc;
const out = {};
const viaCallback = (...args) => new Promise(resolve => rpc(...args, (...values) => resolve(values)));
out.callback = await viaCallback('demo.square', 5);
out.callbackReturnsUndefined = rpc('demo.square', 1, () => {}) === undefined;
out.promise = await rpc('demo.square', 4);
out.inFlight = await Promise.all([rpc('demo.add', 1, 2), rpc('demo.square', 3), rpc('demo.echo', 'x')]);
out.error = await rpc('demo.fail', 'boom').then(() => 'resolved', e => [e instanceof Error, e.message]);
out.errorFirst = await viaCallback('demo.fail', 'bang').then(([err]) => [err instanceof Error, err.message]);
out.clientTimeout = await rpc('demo.silent').then(() => 'resolved', e => e.message);
console.log('RESULT ' + JSON.stringify(out));
app.close();
