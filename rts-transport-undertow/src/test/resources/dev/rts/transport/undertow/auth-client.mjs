// Runs the browser client with the sign-in add-on (as served in /rts/client.js by a server with an authenticator)
// in Node: signs in with a token in the query string, then renews it over the open socket with RTS.create's token
// option. Prints one line "RESULT <json>" once the token was asked for three times (each ask after the first
// follows an answered refresh). Usage: node auth-client.mjs <port>
const port = process.argv[2];
globalThis.location = { protocol: 'http:', host: '127.0.0.1:' + port };
const bundle = await (await fetch(`http://127.0.0.1:${port}/rts/client.js`)).text();
(0, eval)('"use strict";\n' + bundle);
globalThis.rts.disconnect(); // the page's own client has no token; this test makes its own

let asked = 0, readies = 0, closes = 0, errors = [];
const done = new Promise((resolve, reject) => {
    const client = RTS.create({
        transportOptions: { url: `ws://127.0.0.1:${port}/?access_token=ann` },
        token: async () => {
            if (++asked == 3) resolve();
            return 'ann-' + asked;
        }
    });
    client.status.on('ready', () => readies++);
    client.status.on('close', () => closes++);
    client.status.on('error', e => errors.push(e.message));
    client.connect();
    setTimeout(() => reject(new Error('the token was asked for only ' + asked + ' times in 12 s')), 12000).unref();
});
await done;
console.log('RESULT ' + JSON.stringify({ asked, readies, closes, errors }));
process.exit(0);
