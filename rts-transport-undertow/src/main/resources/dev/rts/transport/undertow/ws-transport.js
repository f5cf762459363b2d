// RTS WebSocket transport: full-jitter reconnect backoff spreads the clients of a restarted server.
RTS.transports.ws = (o = {}) => client => {
  const url = o.url || (location.protocol == 'https:' ? 'wss://' : 'ws://') + location.host + (o.path || '/');
  const emit = (...a) => client.status.emit(...a);
  let ws, timer, closed, attempt = 0;
  const open = () => {
    ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => emit('open');
    ws.onmessage = e => client.process(e.data);
    ws.onclose = e => {
      emit('close', e.code);
      const cap = Math.min(o.reconnectMax || 1e4, (o.reconnectBase || 250) * 2 ** attempt++);
      const delay = Math.floor(Math.random() * cap);
      closed || emit('reconnecting', { attempt, delay });
      closed || (timer = setTimeout(open, delay)); // a listener may have called close()
    };
  };
  // Reset backoff on handshake only: a server that accepts then drops us stays backed off.
  client.status.on('ready', () => attempt = 0);
  open();
  return {
    // Drop frames when not open: the close event fails their callbacks.
    write: text => ws.readyState == 1 && ws.send(text),
    close() {
      closed = true;
      clearTimeout(timer);
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.close();
    }
  };
};
