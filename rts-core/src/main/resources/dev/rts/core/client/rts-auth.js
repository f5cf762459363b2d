// RTS sign-in add-on (docs/CLIENT.md#signing-in), bundled when the server has an authenticator: before the
// socket's credentials expire, asks the app for a fresh token (rts.token or RTS.create's token option, a function
// returning a token or a promise of one) and sends it over the open socket. Without one the server closes the
// socket with 4401 at expiry and the transport reconnects, presenting the page's cookies again.
(() => {
'use strict';
const create = RTS.create;
let n = 2 ** 52; // refresh callback ids, far from the core's own
RTS.create = (o = {}) => {
  const c = create(o), process = c.process;
  let timer;
  const renew = async () => {
    try {
      const token = await (o.token || c.token)?.();
      token && c.write(`0|${++n}|` + JSON.stringify({ c: 'refresh', token }));
    } catch (e) {
      c.status.emit('error', e);
    }
  };
  // Connect and refresh answers say how long the credentials last: renew a third early, at most a minute,
  // within setTimeout's 2^31 - 1 ms.
  c.process = data => {
    if (typeof data == 'string' && data.startsWith('0|')) {
      try {
        const t = JSON.parse(data.slice(data.indexOf('|', 2) + 1)).expiresIn;
        if (t >= 0) {
          clearTimeout(timer);
          timer = setTimeout(renew, Math.min(t - Math.min(t / 3, 6e4), 2e9));
        }
      } catch {}
    }
    process(data);
  };
  c.status.on('close', () => clearTimeout(timer));
  return c;
};
})();
