function (client) {
  // Browser half of DemoService, installed as rts.api.demo. Callbacks are node-style: cb(err, result).
  const listeners = [];
  const pending = new Map();
  let sending = null;

  client.onmessage = msg => {
    for (const fn of listeners.slice()) {
      try { fn(msg); } catch (e) { queueMicrotask(() => { throw e; }); } // one bad listener must not starve the rest
    }
  };
  // Called when a callback will never get its reply: the server refused the message, the connection closed first,
  // or the send queue was full (then it runs inside client.send, before we know the callback id).
  client.onerror = (err, id) => {
    const cb = pending.get(id) || sending;
    pending.delete(id);
    sending = null;
    if (cb) cb(err);
    else client.status.emit('error', err);
  };

  const call = (msg, cb, pick) => {
    const done = cb || (err => err && client.status.emit('error', err));
    sending = done;
    const id = client.send(msg, reply => {
      pending.delete(id);
      done(null, pick(reply));
    });
    if (sending) pending.set(id, done);
    sending = null;
  };

  return {
    /** Asks the server to echo text; cb(err, text). */
    echo(text, cb) {
      call({ c: 'echo', text }, cb, reply => reply.echo);
    },
    /** Sends a chat line to everyone, this page included; cb(err) once the server took it. */
    say(name, text, cb) {
      call({ c: 'say', name, text }, cb, () => undefined);
    },
    /** Calls fn({from, text}) for every chat line; returns a function that stops it. */
    onMessage(fn) {
      if (typeof fn != 'function') throw new TypeError('demo.onMessage needs a function');
      listeners.push(fn);
      return () => {
        const i = listeners.indexOf(fn);
        if (i >= 0) listeners.splice(i, 1);
      };
    }
  };
}
