// The presence half in the full client (/rts/client.js, as a page loads it): a join whose answer is lost because the
// connection closed is still joined again after the reconnect. Records the frames each socket sent, then prints
// "RESULT <json>". Usage: node presence-rejoin.mjs <port>
const port = process.argv[2];
globalThis.location = { protocol: 'http:', host: '127.0.0.1:' + port };
const sockets = [];
const Real = globalThis.WebSocket;
globalThis.WebSocket = class extends Real {
    constructor(...args) {
        super(...args);
        this.sent = [];
        sockets.push(this);
    }
    send(data) {
        this.sent.push(String(data));
        return super.send(data);
    }
};
const bundle = await (await fetch(`http://127.0.0.1:${port}/rts/client.js`)).text();
(0, eval)('"use strict";\n' + bundle);

const rts = globalThis.rts;
const ready = () => new Promise((resolve, reject) => {
    rts.status.once('ready', resolve);
    setTimeout(() => reject(new Error('rts did not get ready within 20 s')), 20000).unref();
});
await ready();
const presence = rts.api.presence;
const out = {};

// Sent, but the connection goes before the answer: the callback learns it, the page still wants to be in the room.
const lost = new Promise(resolve => presence.join('room', { name: 'Ann' }, err => resolve(err && err.message)));
rts.disconnect();
out.lost = await lost;

const again = ready();
rts.connect();
await again;
out.rejoined = sockets.length == 2 && sockets[1].sent.some(frame => frame.includes('"join":"room"'));
console.log('RESULT ' + JSON.stringify(out));
process.exit(0);
