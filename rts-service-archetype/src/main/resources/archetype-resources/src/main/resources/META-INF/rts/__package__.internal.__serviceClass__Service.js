function (client) {
    // The browser half: rts.api.${serviceName}. It needs only the 2013 service contract (id, name, options, use,
    // send, onmessage); the RTS extension onerror is used where the client has it, so that a refused add reaches
    // its callback as an error. Without it a refused add never calls back. ES5 only: no build step, any browser.
    var listeners = [];
    var pending = {};   // callback id -> callback, while RTS may still report an error for it
    var value = null;

    client.onmessage = function (msg) {
        value = msg.value;
        for (var i = 0; i < listeners.length; i++) {
            listeners[i](msg.value);
        }
    };
    client.onerror = function (err, callbackId) {    // never called by a 2013 client, harmless to set
        var cb = pending[callbackId];
        delete pending[callbackId];
        if (cb) {
            cb(err);
        }
    };

    return {
        // add(amount, cb): cb(err, newValue), node style; cb may be left out.
        add: function (amount, cb) {
            var id = client.send({ amount: amount }, function (reply) {
                delete pending[id];
                if (cb) {
                    cb(null, reply.value);
                }
            });
            if (cb && id !== undefined) {
                pending[id] = cb;
            }
        },
        // The last value the server sent, or null before the first.
        value: function () {
            return value;
        },
        // onChange(fn): fn(newValue) whenever any browser or the server adds.
        onChange: function (fn) {
            listeners.push(fn);
        }
    };
}
