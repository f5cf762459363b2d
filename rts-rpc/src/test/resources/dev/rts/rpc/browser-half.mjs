// Runs the rpc browser half against a real server in Node instead of a browser: loads /rts/client.js as a page
// would (in strict mode, as when imported as a module), calls methods, and prints one line "RESULT <json>".
// Usage: node browser-half.mjs <port>
const port = process.argv[2];
globalThis.location = { protocol: 'http:', host: '127.0.0.1:' + port };
const bundle = await (await fetch(`http://127.0.0.1:${port}/rts/client.js`)).text();
(0, eval)('"use strict";\n' + bundle);

const rts = globalThis.rts;
await new Promise((resolve, reject) => {
    rts.status.once('ready', resolve);
    setTimeout(() => reject(new Error('rts did not get ready within 20 s')), 20000).unref();
});
const rpc = rts.api.rpc;
const out = {};
const viaCallback = (...args) => new Promise(resolve => rpc(...args, (...values) => resolve(values)));
const describe = err => [err instanceof Error, err.message];

out.errorFirst = await viaCallback('demo.squareErrorFirst', 5);
out.many = await viaCallback('demo.many');
out.none = await viaCallback('demo.none');
out.promise = await rpc('demo.square', 4);
out.records = await rpc('demo.move', { x: 1, y: 2 }, 3, 4);
out.callbackReturnsUndefined = rpc('demo.square', 1, () => {}) === undefined;
out.error = await viaCallback('demo.fail', 'boom').then(([err, ...rest]) => [...describe(err), rest.length]);
out.rejected = await rpc('demo.sqare', 1).then(() => 'resolved', describe);
out.notAName = (() => {
    try { rpc(42); return 'no error'; } catch (e) { return [e instanceof TypeError, e.message]; }
})();
out.clientTimeout = await rpc('demo.later').then(() => 'resolved', describe);
const dropped = rpc('demo.silent').then(() => 'resolved', describe);
rts.disconnect();
out.dropped = await dropped;
console.log('RESULT ' + JSON.stringify(out));
process.exit(0);
