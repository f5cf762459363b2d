// The real browser client (/rts/client.js) over the WebSocket NodeScript gives older Node: text and binary frames
// both ways, a Blob kept in order among other sends, frames past 64 KiB both ways, and a clean disconnect.
const port = process.argv[2];
globalThis.location = { protocol: 'http:', host: '127.0.0.1:' + port };
const bundle = await (await fetch(`http://127.0.0.1:${port}/rts/client.js`)).text();
(0, eval)('"use strict";\n' + bundle);
const rts = globalThis.rts;
await new Promise(resolve => rts.status.once('ready', resolve));
const share = rts.api.share;
const call = msg => new Promise(resolve => share.send(msg, resolve));
const show = v => v instanceof ArrayBuffer ? 'bytes ' + v.byteLength : JSON.stringify(v);
const answers = await Promise.all([
    call(new Uint8Array([1, 2, 3])),
    call(new Blob([new Uint8Array(70000)])),
    call('hi'),
    call('x'.repeat(70000))
]);
const closed = new Promise(resolve => rts.status.once('close', resolve));
rts.disconnect();
console.log('RESULT ' + JSON.stringify({ answers: answers.map(show), closed: await closed }));
