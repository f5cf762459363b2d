// RTS browser client (docs/CLIENT.md). Touches only globalThis.RTS: loads as an ES module too.
(() => {
'use strict';
const R = globalThis.RTS ||= {};
R.version = '0.1.0';
R.transports ||= {};

// Throwing app code is reported as uncaught, never breaks our loops.
const guard = f => {
  try { f(); } catch (e) { queueMicrotask(() => { throw e; }); }
};
const dict = () => Object.create(null);

const emitter = (all = dict()) => {
  const e = {
    on(ev, fn) { (all[ev] ||= []).push(fn); return e; },
    off(ev, fn) { all[ev] = all[ev]?.filter(f => f != fn && f.fn != fn); return e; },
    once(ev, fn) { const w = (...a) => { e.off(ev, w); fn(...a); }; w.fn = fn; return e.on(ev, w); },
    emit(ev, ...a) { for (const f of all[ev]?.slice() || []) guard(() => f(...a)); return e; }
  };
  return e;
};

R.create = (options = {}) => {
  const t = options.transport || 'ws', factory = typeof t == 'function' ? t : R.transports[t];
  if (!factory) throw new TypeError(`Unknown RTS transport '${t}'`);
  const open = factory(options.transportOptions), name = options.sessionCookieName || 'connect.sid';
  const status = emitter(), api = {}, services = dict(), queue = [];
  // live: _system frames may go; ready (handshake done): all may.
  let conn, live, ready = false, sessionId = null;

  const report = err => { console.warn('RTS: ' + err.message); status.emit('error', err); };

  const cookie = id => {
    try {
      if (!id) return decodeURIComponent(('; ' + document.cookie).split(`; ${name}=`)[1].split(';')[0]);
      document.cookie = `${name}=${encodeURIComponent(id)};path=/;max-age=86400;SameSite=Lax`
        + (location.protocol == 'https:' ? ';Secure' : '');
    } catch {}
  };

  // Until ready, frames wait in a bounded queue. A callback is pending once written.
  const write = (text, s, id, cb) => {
    if (ready || live && s == sys) {
      if (cb) s.cbs.set(id, cb);
      conn.write(text);
    } else if (queue.length < 1000) queue.push([text, s, id, cb]);
    else {
      const err = new Error('Send queue full');
      // Later: once send() has returned the id onerror names.
      cb ? queueMicrotask(() => fail(s, id, err, true, cb)) : report(err);
    }
  };

  // _system callbacks get the Error. Without onerror, only loud (server) errors are reported.
  const fail = (s, id, err, loud, cb = s.cbs.get(id)) => {
    const c = s.client;
    s.cbs.delete(id);
    if (!s.id) guard(() => cb(err));
    else if (c.onerror) guard(() => c.onerror(err, id));
    else if (loud) report(err);
  };

  const register = p => {
    const use = p.use || {}, s = { id: p.id, cbs: new Map(), n: 0 };
    s.client = {
      id: p.id, name: p.name, options: p.options || {}, use, api, status, onmessage: null, onerror: null,
      send(msg, cb) {
        if (cb != null && !(use.callbacks && typeof cb == 'function')) {
          throw new TypeError(`Service '${p.name}' ${use.callbacks ? 'needs a function' : 'takes no callback'}`);
        }
        const bin = msg instanceof Blob || msg instanceof ArrayBuffer || ArrayBuffer.isView(msg);
        msg = bin || !use.json ? msg : JSON.stringify(msg) ?? 'null'; // may throw: before taking an id
        const id = cb ? ++s.n : '', head = p.id + '|' + (use.callbacks ? id + '|' : '');
        write(bin ? new Blob([head, msg]) : head + msg, s, id, cb);
        return id || undefined;
      }
    };
    return services[p.id] = s;
  };

  const receive = data => {
    const bin = typeof data != 'string', text = bin ? String.fromCharCode(...new Uint8Array(data.slice(0, 40))) : data;
    const bar = text.indexOf('|'), s = bar > 0 && services[text.slice(0, bar)], c = s?.client;
    let i = bar + 1, id = 0, b;
    if (!s) return report(new Error('Unknown service: ' + text.slice(0, 30)));
    if (c.use.callbacks) {
      if ((b = text.indexOf('|', i)) < 0) return report(new Error(`No callback field for ${c.name}`));
      id = +text.slice(i, b);
      i = b + 1;
    }
    let msg = data.slice(i);
    try {
      if (!bin && c.use.json) msg = JSON.parse(msg);
    } catch (e) {
      return report(new Error(`Bad JSON for ${c.name}: ${e.message}`));
    }
    const cb = s.cbs.get(id);
    s.cbs.delete(id);
    guard(() => cb ? cb(msg) : c.onmessage?.(msg));
  };

  const sys = register({ id: 0, name: '_system', use: { json: true, callbacks: true } }), ask = sys.client.send;
  sys.client.onmessage = m => {
    if (m?.type != 'error') return;
    const err = Object.assign(new Error(m.message), m), s = services[m.serviceId];
    s?.cbs.has(m.callbackId) ? fail(s, m.callbackId, err, true) : report(err);
  };

  status.on('open', () => {
    live = true;
    ask({ c: 'connect', v: R.version, sessionId: sessionId || cookie() || false }, r => {
      // An Error while live came from the server.
      if (r instanceof Error) return live && report(r);
      cookie(sessionId = r.sessionId);
      ready = true;
      // Flush before 'ready' to keep the order.
      while (ready && queue.length) write(...queue.shift());
      status.emit('ready', sessionId);
    });
  });

  status.on('close', () => {
    live = ready = false;
    for (const s of Object.values(services)) {
      for (const id of s.cbs.keys()) fail(s, id, new Error('Connection closed before a reply'));
    }
  });

  const rts = {
    api, status,
    get sessionId() { return sessionId; },
    get ready() { return ready; },
    connect() { conn ||= open(rts); },
    // A closed transport is silent: emit 'close' here.
    disconnect() {
      conn?.close();
      conn = null;
      live && status.emit('close', 1000);
    },
    discover: cb => ask({ c: 'discover', p: {} }, r => r instanceof Error ? cb(r) : cb(null, r)),
    provide(p, handler) {
      if (services[p.id]) throw new TypeError(`Service id ${p.id} is taken, can't add '${p.name}'`);
      const c = register(p).client;
      guard(() => {
        const value = handler?.(c);
        value === undefined || Object.defineProperty(api, p.name,
          { value, enumerable: !p.private, writable: true, configurable: true });
      });
    },
    process: receive,
    write: text => write(text)
  };
  return rts;
};
})();
