function (client) {
    // Pushes: {"e":event,"p":[args],"c":channel (channel events only)}.
    // Answers to this tab's requests: {"r":id,"ok":true,"channels":[...]} or {"r":id,"error":"..."}.
    // RTS extensions of the client (status events) are feature-detected: with the 2013 contract only (id, name,
    // options, use, send, onmessage) everything works except failing the callbacks of requests a closed connection
    // lost, and errors without a callback go to the console instead of the 'error' event.
    var status = client.status && typeof client.status.on === 'function' ? client.status : null;
    var handlers = {};
    var pending = {};   // request id -> {cb, written}
    var nextId = 1;
    var ready = !status; // without status events, assume every send is written
    var api;

    function report(err) {
        if (status && typeof status.emit === 'function') {
            status.emit('error', err);
        } else if (typeof console !== 'undefined') {
            console.warn(err.message);
        }
    }

    function add(event, fn, once) {
        if (typeof fn !== 'function') {
            throw new TypeError('pubsub handler for ' + event + ' must be a function');
        }
        (handlers[event] ||= []).push({ fn: fn, once: once });
        return api;
    }

    function off(event, fn) {
        var left = (handlers[event] || []).filter(h => fn !== undefined && h.fn !== fn);
        if (left.length) {
            handlers[event] = left;
        } else {
            delete handlers[event];
        }
        return api;
    }

    function request(msg, cb) {
        if (cb !== undefined && typeof cb !== 'function') {
            throw new TypeError('pubsub callback must be a function');
        }
        msg.r = nextId++;
        pending[msg.r] = { cb: cb, written: ready };
        client.send(JSON.stringify(msg));
    }

    function answer(msg) {
        var p = pending[msg.r];
        delete pending[msg.r];
        var err = msg.error ? new Error(msg.error) : null;
        if (p && p.cb) {
            p.cb(err, msg.channels);
        } else if (err) {
            report(err);
        }
    }

    client.onmessage = function (text) {
        var msg = JSON.parse(text);
        if ('r' in msg) {
            return answer(msg);
        }
        var args = (msg.p || []).slice();
        if (msg.c !== undefined) {
            args.push(msg.c);
        }
        (handlers[msg.e] || []).slice().forEach(h => {
            if (h.once) {
                handlers[msg.e] = handlers[msg.e].filter(x => x !== h);
            }
            try {
                h.fn.apply(null, args);
            } catch (e) {
                setTimeout(() => { throw e; });   // reported as uncaught; the other handlers still run
            }
        });
    };

    // Frames queued while disconnected go out before 'ready' listeners run; those already written lose their answer.
    if (status) {
        status.on('ready', () => {
            ready = true;
            Object.keys(pending).forEach(id => { pending[id].written = true; });
        });
        status.on('close', () => {
            ready = false;
            Object.keys(pending).forEach(id => {
                if (pending[id].written) {
                    answer({ r: id, error: 'Connection closed before a reply' });
                }
            });
        });
    }

    api = {
        on: (event, fn) => add(event, fn, false),
        once: (event, fn) => add(event, fn, true),
        off: off,
        subscribe: (channel, cb) => request({ sub: channel }, cb),
        unsubscribe: (channel, cb) => request({ unsub: channel }, cb),
        list: cb => request({ list: true }, cb)
    };
    return api;
}
