// The pubsub browser half in a client with only the 2013 service contract (client-2013.mjs, given by the testkit's
// NodeScript): subscribes, is told when the server published, lists its channels, and reports a refused
// subscription to its callback. Prints "SUBSCRIBED" when the server may publish, then one line "RESULT <json>".
import { connect } from './client-2013.mjs';

const app = await connect(process.argv[2]);
const pubsub = app.api.pubsub;
const out = {};
const request = (method, ...args) => new Promise(resolve => pubsub[method](...args, (err, channels) =>
    resolve(err ? 'error: ' + err.message : channels === undefined ? 'ok' : channels)));
const received = [];
const both = new Promise(resolve => {
    pubsub.on('headline', (text, channel) => { received.push([text, channel]); if (received.length == 2) resolve(); });
    pubsub.once('all', text => received.push(['all', text]));
});
out.subscribe = await request('subscribe', 'public:news');
out.refused = await request('subscribe', 'private:hr');
out.list = await request('list');
console.log('SUBSCRIBED');
await both;
out.received = received;
console.log('RESULT ' + JSON.stringify(out));
app.close();
