// The presence browser half in clients with only the 2013 service contract (client-2013.mjs, given by the testkit's
// NodeScript), against a real server: Ann joins and watches a room, Bob (a second client) joins, updates his meta
// and leaves, and Ann's watch folds the sync and the diffs into joins, an update and a leave; a refused join reaches
// its callback. Prints one line "RESULT <json>".
import { connect } from './client-2013.mjs';

const ann = await connect(process.argv[2]);
const bob = await connect(process.argv[2]);
const seen = [];
let waiter = null;
const until = expected => new Promise(resolve => { waiter = { expected, resolve }; check(); });
const check = () => { if (waiter && seen.includes(waiter.expected)) { const w = waiter; waiter = null; w.resolve(); } };
const see = event => { seen.push(event); check(); };
const names = metas => metas.map(m => m.name).join('+');
const answer = (api, method, ...args) => new Promise(resolve => api[method](...args, (err, ref) =>
    resolve(err ? 'error: ' + err.message : typeof ref)));

const out = {};
// Watch first, so that every event here comes from a diff (presence-2013-repeat.mjs covers a join made before the
// watch).
const room = ann.api.presence.watch('room')
    .onSync(members => see('sync ' + members.length))
    .onJoin((key, metas) => see('join ' + names(metas)))
    .onUpdate((key, metas) => see('update ' + names(metas)))
    .onLeave((key, metas, left) => see('leave ' + names(left)));
await until('sync 0');
out.annJoined = await answer(ann.api.presence, 'join', 'room', { name: 'Ann' });
await until('join Ann');
out.bobJoined = await answer(bob.api.presence, 'join', 'room', { name: 'Bob' });
await until('join Bob');
bob.api.presence.update('room', { name: 'Bobby' });
await until('update Bobby');
bob.api.presence.leave('room');
await until('leave Bobby');
out.refused = await answer(ann.api.presence, 'join', 'staff', {});
out.seen = seen.filter(event => !event.startsWith('sync'));
out.list = room.list().map(member => names(member.metas));
out.count = room.count();
console.log('RESULT ' + JSON.stringify(out));
ann.close();
bob.close();
