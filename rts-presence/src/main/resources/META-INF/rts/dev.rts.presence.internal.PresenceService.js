function (client) {
    // Answers to this tab's requests: {"r":id,"ok":true,"ref":...} or {"r":id,"error":"..."}.
    // Pushes: {"sync":topic,"s":{key:[metas]}}, {"diff":topic,"j":{key:[metas]},"l":{key:[metas]}},
    // {"count":topic,"n":members}. Each meta carries its "ref"; an update is a leave and a join of the same ref.
    // RTS extensions of the client (status events) are feature-detected: with the 2013 contract only (id, name,
    // options, use, send, onmessage) everything works except the automatic resync after a reconnect.
    var status = client.status && typeof client.status.on === 'function' ? client.status : null;
    var pending = {};    // request id -> {cb, written}
    var nextId = 1;
    var ready = !status; // without status events, assume every send is written
    var closedSinceReady = false;
    var joined = {};     // topic -> meta, joined again after a reconnect
    var watches = {};    // topic -> watch state

    function report(err) {
        if (status && typeof status.emit === 'function') {
            status.emit('error', err);
        } else if (typeof console !== 'undefined') {
            console.warn(err.message);
        }
    }

    function request(msg, cb) {
        if (cb !== undefined && typeof cb !== 'function') {
            throw new TypeError('presence callback must be a function');
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
            p.cb(err, msg.ref);
        } else if (err) {
            report(err);
        }
    }

    function call(fns, args) {
        fns.slice().forEach(function (fn) {
            try {
                fn.apply(null, args);
            } catch (e) {
                setTimeout(function () { throw e; });   // reported as uncaught; the other handlers still run
            }
        });
    }

    function members(w) {
        return Object.keys(w.state).sort().map(function (key) {
            return { key: key, metas: w.state[key].slice() };
        });
    }

    function refsOf(metas) {
        return metas.map(function (m) { return m.ref; });
    }

    // A full list: replaces the state and tells the page what changed since the list it had (after a reconnect).
    function sync(w, state) {
        var old = w.state;
        w.state = state;
        Object.keys(state).forEach(function (key) {
            if (!old[key]) {
                call(w.on.join, [key, state[key].slice(), state[key].slice()]);
            } else if (JSON.stringify(old[key]) !== JSON.stringify(state[key])) {
                call(w.on.update, [key, state[key].slice()]);
            }
        });
        Object.keys(old).forEach(function (key) {
            if (!state[key]) {
                call(w.on.leave, [key, [], old[key].slice()]);
            }
        });
        w.synced = true;
        call(w.on.sync, [members(w)]);
    }

    // A batch of changes: leaves first, then joins, so that an update (same ref) ends with the new meta.
    function diff(w, joins, leaves) {
        var before = {};     // key -> its metas before this diff
        Object.keys(leaves).concat(Object.keys(joins)).forEach(function (key) {
            before[key] = w.state[key] ? w.state[key].slice() : [];
        });
        Object.keys(leaves).forEach(function (key) {
            if (!w.state[key]) {
                return;
            }
            var gone = refsOf(leaves[key]);
            w.state[key] = w.state[key].filter(function (m) { return gone.indexOf(m.ref) < 0; });
        });
        Object.keys(joins).forEach(function (key) {
            var added = refsOf(joins[key]);
            var kept = (w.state[key] || []).filter(function (m) { return added.indexOf(m.ref) < 0; });
            w.state[key] = kept.concat(joins[key]);
        });
        Object.keys(before).forEach(function (key) {
            var now = w.state[key] || [];
            if (!now.length) {
                delete w.state[key];
            }
            if (!before[key].length && now.length) {
                call(w.on.join, [key, now.slice(), (joins[key] || []).slice()]);
            } else if (before[key].length && !now.length) {
                call(w.on.leave, [key, [], (leaves[key] || []).slice()]);
            } else if (now.length && JSON.stringify(now) !== JSON.stringify(before[key])) {
                // A join the sync already showed may come again in the next diff: that changes nothing.
                call(w.on.update, [key, now.slice()]);
            }
        });
        call(w.on.sync, [members(w)]);
    }

    client.onmessage = function (text) {
        var msg = JSON.parse(text);
        var w;
        if ('r' in msg) {
            return answer(msg);
        }
        if ('sync' in msg && (w = watches[msg.sync])) {
            sync(w, msg.s || {});
        } else if ('diff' in msg && (w = watches[msg.diff]) && w.synced) {
            diff(w, msg.j || {}, msg.l || {});
        } else if ('count' in msg && (w = watches[msg.count])) {
            w.count = msg.n;
            call(w.on.count, [msg.n]);
        }
    };

    function sendWatch(w, cb) {
        request(w.countOnly ? { watch: w.topic, count: true } : { watch: w.topic }, cb);
    }

    if (status) {
        // After a reconnect, join and watch again: the server answers each watch with a fresh sync, which
        // tells the page what changed while it was away.
        status.on('ready', function () {
            ready = true;
            Object.keys(pending).forEach(function (id) { pending[id].written = true; });
            if (closedSinceReady) {
                closedSinceReady = false;
                Object.keys(joined).forEach(function (topic) { request({ join: topic, meta: joined[topic] }); });
                Object.keys(watches).forEach(function (topic) { sendWatch(watches[topic]); });
            }
        });
        status.on('close', function () {
            ready = false;
            closedSinceReady = true;
            Object.keys(pending).forEach(function (id) {
                if (pending[id].written) {
                    answer({ r: id, error: 'Connection closed before a reply' });
                }
            });
        });
    }

    function watch(topic, options, cb) {
        if (typeof options === 'function') {
            cb = options;
            options = {};
        }
        var countOnly = !!(options && options.count);
        var w = watches[topic];
        if (!w) {
            w = watches[topic] = { topic: topic, countOnly: countOnly, state: {}, count: 0, synced: false,
                on: { sync: [], join: [], leave: [], update: [], count: [] } };
        }
        sendWatch(w, cb);
        function add(event) {
            return function (fn) {
                if (typeof fn !== 'function') {
                    throw new TypeError('presence ' + event + ' handler must be a function');
                }
                w.on[event].push(fn);
                return handle;
            };
        }
        var handle = {
            topic: topic,
            list: function () { return members(w); },
            count: function () { return w.countOnly ? w.count : Object.keys(w.state).length; },
            onSync: add('sync'),
            onJoin: add('join'),
            onLeave: add('leave'),
            onUpdate: add('update'),
            onCount: add('count'),
            stop: function (done) {
                delete watches[topic];
                request({ unwatch: topic }, done);
            }
        };
        return handle;
    }

    return {
        join: function (topic, meta, cb) {
            if (cb !== undefined && typeof cb !== 'function') {
                throw new TypeError('presence callback must be a function');
            }
            var mine = joined[topic] = meta || {};
            request({ join: topic, meta: mine }, function (err, ref) {
                // Refused by the server (answers come only while ready): not joined again after a reconnect. A join
                // whose answer was lost to a close (failed while not ready) is joined again with the others.
                if (err && ready && joined[topic] === mine) {
                    delete joined[topic];
                }
                if (cb) {
                    cb(err, ref);
                } else if (err) {
                    report(err);
                }
            });
        },
        update: function (topic, meta, cb) {
            joined[topic] = meta || {};
            request({ update: topic, meta: joined[topic] }, cb);
        },
        leave: function (topic, cb) {
            delete joined[topic];
            request({ leave: topic }, cb);
        },
        watch: watch
    };
}
