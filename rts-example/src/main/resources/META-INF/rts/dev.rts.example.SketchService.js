function (client) {
  // Browser half of SketchService, installed as rts.api.sketch. Sketches travel as bytes in binary frames; a
  // shared sketch arrives at client.onmessage as an ArrayBuffer.
  const listeners = [];
  const pending = new Map();
  client.onmessage = bytes => listeners.forEach(fn => fn(bytes));
  client.onerror = (err, id) => {
    const cb = pending.get(id);
    pending.delete(id);
    cb ? cb(err) : client.status.emit('error', err);
  };

  return {
    /** Shares a PNG image (a Blob, ArrayBuffer or typed array) with every other page; cb(err, pagesReached). */
    share(png, cb) {
      const id = client.send(png, reply => {
        pending.delete(id);
        cb(null, reply.sharedWith);
      });
      pending.set(id, cb);
    },
    /** Calls fn(arrayBuffer) with each sketch another page shares. */
    onSketch(fn) {
      listeners.push(fn);
    }
  };
}
