// Runs the browser client with the sign-in add-on in Node on a server whose credentials last longer than a
// setTimeout can wait (2^31 - 1 ms, about 24.8 days). Once ready, makes 20 discover round trips, one after the
// other, and prints one line "RESULT <json>" with how often the add-on asked for a token meanwhile.
// Usage: node auth-long-lived.mjs <port>
const port = process.argv[2];
globalThis.location = { protocol: 'http:', host: '127.0.0.1:' + port };
const bundle = await (await fetch(`http://127.0.0.1:${port}/rts/client.js`)).text();
(0, eval)('"use strict";\n' + bundle);
globalThis.rts.disconnect(); // the page's own client has no token; this test makes its own

let asked = 0, errors = [];
const client = RTS.create({
    transportOptions: { url: `ws://127.0.0.1:${port}/?access_token=ann` },
    token: async () => 'ann-' + ++asked
});
client.status.on('error', e => errors.push(e.message));
const ready = new Promise(resolve => client.status.once('ready', resolve));
client.connect();
const timeout = setTimeout(() => { console.log('RESULT timeout'); process.exit(1); }, 12000);
await ready;
for (let i = 0; i < 20; i++) {
    await new Promise((resolve, reject) => client.discover(e => e ? reject(e) : resolve()));
}
clearTimeout(timeout);
console.log('RESULT ' + JSON.stringify({ asked, errors }));
process.exit(0);
