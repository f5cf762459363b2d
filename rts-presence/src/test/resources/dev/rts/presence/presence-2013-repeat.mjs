// A join that the watch's sync already shows comes again in the next diff (the server batches changes, and the join
// was made before the watch): the presence half must not report it as an update. Prints "RESULT <json>".
import { connect } from './client-2013.mjs';

const ann = await connect(process.argv[2]);
const bob = await connect(process.argv[2]);
const seen = [];
let waiter = null;
const check = () => { if (waiter && seen.includes(waiter.expected)) { const w = waiter; waiter = null; w.resolve(); } };
const until = expected => new Promise(resolve => { waiter = { expected, resolve }; check(); });
const see = event => { seen.push(event); check(); };
const names = metas => metas.map(m => m.name).join('+');

// Sent back to back: the join waits in the server's batch while the watch's sync already lists Ann.
ann.api.presence.join('room', { name: 'Ann' });
ann.api.presence.watch('room')
    .onJoin((key, metas) => see('join ' + names(metas)))
    .onUpdate((key, metas) => see('update ' + names(metas)))
    .onLeave((key, metas, left) => see('leave ' + names(left)));
await until('join Ann');
bob.api.presence.join('room', { name: 'Bob' });
await until('join Bob');   // diffs come in order: Ann's repeated join came before or with Bob's
console.log('RESULT ' + JSON.stringify(seen));
ann.close();
bob.close();
