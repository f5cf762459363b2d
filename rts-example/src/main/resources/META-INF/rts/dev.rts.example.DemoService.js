function (client) {
  // Browser half of DemoService, installed as rts.api.demo. Callbacks are node-style: cb(err, result).
  const pending = new Map();
  let sending = null;

  // Called when a callback will never get its reply: the server refused the message, the connection closed first,
  // or the send queue was full (then it runs inside client.send, before we know the callback id).
  client.onerror = (err, id) => {
    const cb = pending.get(id) || sending;
    pending.delete(id);
    sending = null;
    if (cb) cb(err);
    else client.status.emit('error', err);
  };

  return {
    /** Asks the server to echo text; cb(err, text). */
    echo(text, cb) {
      const done = cb || (err => err && client.status.emit('error', err));
      sending = done;
      const id = client.send({ c: 'echo', text }, reply => {
        pending.delete(id);
        done(null, reply.echo);
      });
      if (sending) pending.set(id, done);
      sending = null;
    }
  };
}
