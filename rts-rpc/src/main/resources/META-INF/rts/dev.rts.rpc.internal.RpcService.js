function (client) {
    // rpc('ns.method', ...args, callback): the callback gets the answered values as arguments, or an Error first.
    // rpc('ns.method', ...args): a Promise of the array of answered values, rejected with an Error.
    // See rts-rpc/README.md.
    // Works with the 2013 service contract too (id, name, options, use, send, onmessage): there send returns no
    // callback id and nobody calls onerror, so a call that gets no answer fails by the client timeout alone.
    const timeout = client.options.timeout || 30000;
    const pending = new Map();   // callback id -> settle(err, values)
    let sending = null;          // the call being sent: the core may fail it before send() returns its id

    // RTS's extension: the server reported an error for the frame, the connection closed before the answer, or the
    // queue was full. A 2013 client never calls it.
    client.onerror = (err, id) => (pending.get(id) || sending)?.(err);

    return function rpc(method, ...args) {
        if (typeof method != 'string') throw new TypeError("rpc needs a method name such as 'demo.square'");
        const cb = typeof args[args.length - 1] == 'function' ? args.pop() : null;
        let id, timer, done, resolve, reject;
        const promise = cb ? undefined : new Promise((y, n) => { resolve = y; reject = n; });
        const settle = (err, values) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            pending.delete(id);
            if (cb) err ? cb(err) : cb(...values);
            else err ? reject(err) : resolve(values);
        };
        sending = settle;
        try {
            id = client.send({ m: method, p: args }, r => r?.e ? settle(new Error(r.e.message))
                : Array.isArray(r?.p) ? settle(null, r.p) : settle(new Error(`Bad rpc answer for '${method}'`)));
        } finally {
            sending = null;
        }
        if (!done) {
            if (id !== undefined) pending.set(id, settle);
            timer = setTimeout(() => settle(new Error(`RPC '${method}' got no answer within ${timeout} ms`)), timeout);
        }
        return promise;
    };
}
