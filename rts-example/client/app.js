// The example page: rts (from /rts/client.js) is connected already; rts.api.demo is DemoService's browser half.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const demo = rts.api.demo;

  const status = $('status');
  const showStatus = text => {
    status.textContent = text;
    status.className = 'status ' + text;
  };
  // client.js may have finished the handshake while this script was still loading.
  showStatus(rts.ready ? 'ready' : 'connecting');
  rts.status
    .on('ready', () => showStatus('ready'))
    .on('reconnecting', () => showStatus('reconnecting'))
    .on('close', () => showStatus('closed'));

  $('echo-form').addEventListener('submit', e => {
    e.preventDefault();
    const answer = $('answer');
    demo.echo($('echo-text').value, (err, text) => {
      answer.textContent = err ? 'Error: ' + err.message : text;
      answer.classList.toggle('error', !!err);
    });
  });

  const chatError = $('chat-error');
  $('chat-form').addEventListener('submit', e => {
    e.preventDefault();
    const text = $('text');
    demo.say($('name').value, text.value, err => {
      chatError.hidden = !err;
      chatError.textContent = err ? 'Not sent: ' + err.message : '';
      if (!err) text.value = '';
    });
  });

  demo.onMessage(msg => {
    const line = document.createElement('li');
    const from = document.createElement('b');
    from.textContent = msg.from;
    line.append(from, ': ' + msg.text);
    $('messages').append(line);
  });
})();
