// The example page. rts (from /rts/client.js) is connecting already; rts.api.rpc, rts.api.pubsub and rts.api.presence
// are the browser halves of rts-rpc, rts-pubsub and rts-presence, rts.api.demo that of the example's own DemoService.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const { rpc, pubsub, presence, demo, sketch } = rts.api;

  // Status

  const status = $('status');
  const showStatus = text => {
    status.textContent = text;
    status.className = 'status ' + text;
  };

  // Chat: the session joins a room (a pub/sub channel) with chat.join, which answers the room's history; messages
  // sent with chat.send come back to everyone in the room, this page included, as the channel event 'chat'.

  let room = null;       // the room shown
  let joining = null;    // the room asked for, until chat.join answers
  let early = [];        // messages of that room that came before the answer; they are newer than its history

  const chatError = $('chat-error');
  const showChatError = (prefix, err) => {
    chatError.hidden = !err;
    chatError.textContent = err ? prefix + err.message : '';
  };

  const line = msg => {
    const item = document.createElement('li');
    const from = document.createElement('b');
    from.textContent = msg.from;
    item.append(from, ': ' + msg.text);
    item.title = new Date(msg.at).toLocaleString();
    return item;
  };

  pubsub.on('chat', (msg, channel) => {
    if (channel === joining) early.push(msg);
    else if (channel === room) $('messages').append(line(msg));
    // Other rooms: the session is still in them through another tab of it; this page shows one room.
  });

  // Signing in: account.signIn answers a signed, short-lived token. The page keeps it in a SameSite=Strict cookie,
  // which the browser presents with the WebSocket upgrade, and reconnects: the server admits the new socket as that
  // user and names its chat messages itself. Before the token expires, the sign-in add-on of /rts/client.js calls
  // rts.token and renews the socket's credentials over the open socket.

  const TOKEN = 'rts-example-token';
  const keep = token => {
    document.cookie = `${TOKEN}=${token};path=/;SameSite=Strict` + (token ? '' : ';max-age=0')
      + (location.protocol == 'https:' ? ';Secure' : '');
  };
  const reconnect = () => {
    rts.disconnect();
    rts.connect();
  };
  rts.token = async () => {
    const [token] = await rpc('account.token');
    keep(token);
    return token;
  };
  const signInError = $('sign-in-error');
  const showMe = () => rpc('account.me').then(([me]) => {
    $('signed-in').hidden = !me;
    $('sign-in-form').hidden = !!me;
    $('me').textContent = me ? me.name : '';
    const name = $('name');
    name.disabled = !!me;
    if (me) name.value = me.name;
    if (me && here) presence.update(here, meta());
  }, err => console.warn('account.me: ' + err.message));

  $('sign-in-form').addEventListener('submit', e => {
    e.preventDefault();
    rpc('account.signIn', $('user').value).then(([token]) => {
      signInError.hidden = true;
      keep(token);
      reconnect();
    }, err => {
      signInError.hidden = false;
      signInError.textContent = 'Not signed in: ' + err.message;
    });
  });
  $('sign-out').addEventListener('click', () => {
    keep('');
    reconnect();
  });

  // Presence: the page is in the room's presence topic with its name and whether it is typing, and shows the room's
  // members. The browser half joins and watches again by itself after a reconnect.

  let here = null;        // the presence topic of the room shown
  let watching = null;
  let typing = false;
  let typingTimer = null;
  const meta = () => ({ name: $('name').value.trim() || 'Anonymous', typing });

  const showPresent = members => {
    $('present').replaceChildren(...members.map(member => {
      const item = document.createElement('li');
      const names = [...new Set(member.metas.map(m => m.name))].join(', ');
      item.textContent = names + (member.metas.some(m => m.typing) ? ' (typing…)' : '');
      return item;
    }));
  };

  const enter = roomName => {
    const topic = 'room:' + roomName;
    if (topic === here) return;
    if (here) {
      presence.leave(here);
      watching.stop();
    }
    here = topic;
    presence.join(topic, meta(), err => err && showChatError('Presence: ', err));
    watching = presence.watch(topic, err => err && showChatError('Presence: ', err)).onSync(showPresent);
  };

  const setTyping = now => {
    if (typing === now) return;
    typing = now;
    if (here) presence.update(here, meta());
  };

  $('text').addEventListener('input', () => {
    setTyping(true);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => setTyping(false), 2000);
  });
  $('name').addEventListener('change', () => here && presence.update(here, meta()));

  const refreshRooms = () => rpc('chat.rooms').then(([rooms]) => {
    $('room-list').replaceChildren(...rooms.map(name => new Option(name)));
  }, err => showChatError('Cannot list rooms: ', err));

  const join = async next => {
    joining = next;
    early = [];
    let history;
    try {
      [history] = await rpc('chat.join', next);
    } catch (err) {
      if (joining === next) joining = null;
      showChatError('Not joined: ', err);
      return;
    }
    if (joining !== next) return;   // a later join took over
    const previous = room;
    room = next;
    joining = null;
    $('messages').replaceChildren(...history.concat(early).map(line));
    early = [];
    const joined = $('joined');
    joined.textContent = next;
    joined.className = '';
    showChatError('', null);
    enter(next);
    if (previous && previous !== next) {
      rpc('chat.leave', previous).catch(err => showChatError('Could not leave ' + previous + ': ', err));
    }
    refreshRooms();
  };

  $('join-form').addEventListener('submit', e => {
    e.preventDefault();
    join($('room').value.trim());
  });

  $('chat-form').addEventListener('submit', e => {
    e.preventDefault();
    if (!room) {
      showChatError('Not sent: ', new Error('join a room first'));
      return;
    }
    const text = $('text');
    rpc('chat.send', room, $('name').value, text.value).then(() => {
      showChatError('', null);
      text.value = '';
      clearTimeout(typingTimer);
      setTyping(false);
    }, err => showChatError('Not sent: ', err));
  });

  // client.js may have finished the handshake while this script was still loading.
  showStatus(rts.ready ? 'ready' : 'connecting');
  rts.status
    .on('ready', () => {
      showStatus('ready');
      showMe();
      // After a server restart (or a sign-in) the session is new and in no room: join again (harmless if it still is).
      if (room) join(room);
      refreshRooms();
    })
    .on('reconnecting', () => showStatus('reconnecting'))
    .on('close', () => showStatus('closed'));
  if (rts.ready) {
    refreshRooms();
    showMe();
  }

  // Square: a number goes as a number, anything else as the text typed, so that the server's argument check answers.

  $('square-form').addEventListener('submit', e => {
    e.preventDefault();
    const typed = $('square-input').value.trim();
    const arg = typed !== '' && Number.isFinite(Number(typed)) ? Number(typed) : typed;
    const result = $('square-result');
    rpc('math.square', arg).then(([n]) => {
      result.textContent = String(n);
      result.classList.remove('error');
    }, err => {
      result.textContent = 'Error: ' + err.message;
      result.classList.add('error');
    });
  });

  // Echo, through the example's own service.

  $('echo-form').addEventListener('submit', e => {
    e.preventDefault();
    const answer = $('answer');
    demo.echo($('echo-text').value, (err, text) => {
      answer.textContent = err ? 'Error: ' + err.message : text;
      answer.classList.toggle('error', !!err);
    });
  });

  // Sketch: the canvas goes as PNG bytes to every other page, which shows what it receives as an image.

  const canvas = $('sketch');
  const pen = canvas.getContext('2d');
  const clear = () => {
    pen.fillStyle = '#fff';
    pen.fillRect(0, 0, canvas.width, canvas.height);
  };
  clear();
  let drawing = false;
  canvas.addEventListener('pointerdown', e => {
    drawing = true;
    pen.beginPath();
    pen.moveTo(e.offsetX, e.offsetY);
  });
  canvas.addEventListener('pointermove', e => {
    if (drawing) {
      pen.lineTo(e.offsetX, e.offsetY);
      pen.stroke();
    }
  });
  addEventListener('pointerup', () => drawing = false);
  $('sketch-clear').addEventListener('click', clear);

  const sketchStatus = $('sketch-status');
  $('sketch-form').addEventListener('submit', e => {
    e.preventDefault();
    canvas.toBlob(png => sketch.share(png, (err, pages) => {
      sketchStatus.textContent = err ? 'Error: ' + err.message : `${png.size} bytes to ${pages} other page(s)`;
      sketchStatus.classList.toggle('error', !!err);
    }), 'image/png');
  });

  const image = $('sketch-image');
  sketch.onSketch(bytes => {
    URL.revokeObjectURL(image.src);
    image.src = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
    image.hidden = false;
    $('sketch-received').textContent = bytes.byteLength + ' bytes';
  });
})();
