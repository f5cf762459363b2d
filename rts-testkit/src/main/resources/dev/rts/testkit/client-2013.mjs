// A browser client with only the 2013 realtime-service-client contract, for Node: what the unmodified SocketStream
// 0.4 / prism client of 2013 gives a service's browser half, and nothing more. Each half gets an object with exactly
// id, name, options, use, send(msg, cb) and onmessage: no status, no onerror, no api. Its send JSON-encodes for
// use.json, takes a callback id for use.callbacks (even without a callback) and returns nothing; a reply goes to its
// callback or else to onmessage; binary frames are dropped, as the 2013 transport did. The halves come from the
// server's own discovery and are evaluated from source, as the 2013 client did.
//
//   import { connect } from './client-2013.mjs';
//   const app = await connect(port);      // connected, handshake answered, every listed half installed
//   app.api.rpc('demo.square', 5, n => ...);
//   app.close();
//
// It uses the global WebSocket: Node 22's, or the one NodeScript installs for older Node (websocket.mjs).

function serviceClient(connection, params) {
    const use = params.use || {};
    const stack = {};
    let count = 0;
    const client = {
        id: params.id,
        name: params.name,
        options: params.options || {},
        use: use,
        onmessage: null,
        send(msg, cb) {
            const parts = [client.id];
            if (use.json) msg = JSON.stringify(msg);
            if (use.callbacks) {
                const id = ++count;
                stack[id] = cb;
                parts.push(id);
            }
            parts.push(msg);
            connection.write(parts.join('|'));
        }
    };
    // Not on the object the half sees: reading a frame is the client's business.
    const read = fields => {
        const callbackId = use.callbacks ? Number(fields.shift()) : 0;
        let msg = fields.join('|');
        if (use.json) msg = JSON.parse(msg);
        const cb = callbackId ? stack[callbackId] : null;
        delete stack[callbackId];
        (cb || client.onmessage)(msg);
    };
    return { client, read };
}

/**
 * Connects to ws://127.0.0.1:<port>/, sends the connect handshake, discovers the services and installs each half.
 * Resolves to {api, services, frames, close()}: api holds each half's API by service name, services each half's
 * client object, frames every text frame in ('<' + frame) and out ('>' + frame).
 */
export function connect(port, { path = '/', timeoutMs = 20000 } = {}) {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    const frames = [];
    const services = {};
    const readers = {};
    const api = {};
    const connection = {
        write(text) {
            frames.push('>' + text);
            socket.send(text);
        }
    };
    const provide = (params, handler) => {
        const { client, read } = serviceClient(connection, params);
        services[params.name] = client;
        readers[params.id] = read;
        const value = handler(client);
        if (value) api[params.name] = value;
    };
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No handshake and discovery within ${timeoutMs} ms`)),
            timeoutMs);
        timer.unref?.();
        const system = serviceClient(connection, { id: 0, name: '_system', use: { json: true, callbacks: true } });
        readers[0] = system.read;
        system.client.onmessage = msg => {
            if (msg && msg.type === 'error') console.error('Server Error: ' + msg.message);
        };
        socket.addEventListener('message', event => {
            if (typeof event.data !== 'string') return;   // the 2013 transport handled text only
            frames.push('<' + event.data);
            const fields = event.data.split('|');
            const read = readers[fields.shift()];
            if (!read) throw new Error('Unable to process incoming message: ' + event.data);
            read(fields);
        });
        socket.addEventListener('error', () => reject(new Error('WebSocket error')));
        socket.addEventListener('open', () => {
            system.client.send({ c: 'connect', v: '0.0.1', sessionId: false }, () => {
                system.client.send({ c: 'discover', p: {} }, list => {
                    clearTimeout(timer);
                    for (const service of list) {
                        provide(service.params, (0, eval)('(' + service.handler + ')'));
                    }
                    resolve({ api, services, frames, close: () => socket.close() });
                });
            });
        });
    });
}
