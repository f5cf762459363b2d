// Runs the browser client (core + WebSocket transport, as served in /rts/client.js) against a real server in Node:
// bytes sent as a typed array, an ArrayBuffer and a Blob, interleaved with text, answered on their callbacks, and a
// binary push. Prints one line "RESULT <json>". Usage: node binary-client.mjs <port>
const port = process.argv[2];
globalThis.location = { protocol: 'http:', host: '127.0.0.1:' + port };
const bundle = await (await fetch(`http://127.0.0.1:${port}/rts/client.js`)).text();
(0, eval)('"use strict";\n' + bundle);

const rts = globalThis.rts;
await new Promise((resolve, reject) => {
    rts.status.once('ready', resolve);
    setTimeout(() => reject(new Error('rts did not get ready within 5 s')), 5000).unref();
});
const mirror = rts.api.mirror;
const call = msg => new Promise(resolve => mirror.send(msg, resolve));
const show = v => v instanceof ArrayBuffer ? ['ArrayBuffer', ...new Uint8Array(v)] : v;
const pushed = new Promise(resolve => { mirror.onmessage = resolve; });

const answers = await Promise.all([
    call(new Uint8Array([1, 2, 3])),
    call('hi'),
    call(new Uint8Array([0, 124, 255, 9]).buffer),
    call(new Blob([new Uint8Array([7, 8])])),
    call(new DataView(new Uint8Array([5, 6, 7, 8]).buffer, 1, 2))
]);
mirror.send('push');
const out = { answers: answers.map(show), push: show(await pushed) };
console.log('RESULT ' + JSON.stringify(out));
process.exit(0);
