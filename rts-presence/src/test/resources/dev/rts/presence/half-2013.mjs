// Runs the browser half with a client that has only the 2013 service contract (id, name, options, use, send,
// onmessage): no status, no api. Feeds it the server's frames by hand and prints what the page would see.
import { readFileSync } from 'node:fs';

const code = readFileSync(process.argv[2], 'utf8');
const half = (0, eval)('(' + code + ')');
const sent = [];
const client = { id: 4, name: 'presence', options: {}, use: {}, send: text => sent.push(JSON.parse(text)) };
const api = half(client);
const seen = [];
const answers = [];

api.join('room', { name: 'Ann' }, (err, ref) => answers.push(err ? err.message : ref));
const room = api.watch('room')
    .onJoin((key, metas) => seen.push('join ' + key + ' ' + metas.length))
    .onLeave(key => seen.push('leave ' + key))
    .onUpdate((key, metas) => seen.push('update ' + key + ' ' + metas.map(m => m.name).join('+')));
const push = msg => client.onmessage(JSON.stringify(msg));

push({ r: sent[0].r, ok: true, ref: 'n.1' });
push({ sync: 'room', s: { ann: [{ name: 'Ann', ref: 'n.1' }] } });
push({ r: sent[1].r, ok: true });
push({ diff: 'room', j: { bob: [{ name: 'Bob', ref: 'm.1' }] }, l: {} });
push({ diff: 'room', j: { bob: [{ name: 'Bobby', ref: 'm.1' }] }, l: { bob: [{ name: 'Bob', ref: 'm.1' }] } });
push({ diff: 'room', j: {}, l: { ann: [{ name: 'Ann', ref: 'n.1' }] } });
api.join('staff', {});
push({ r: sent[2].r, error: 'Not allowed to join presence topic \'staff\'' });

console.log('RESULT ' + JSON.stringify({
    sent: sent.map(m => Object.keys(m).filter(k => k !== 'r').join(',')),
    answers, seen, list: room.list(), count: room.count()
}));
