function (client) {
  var listeners = [];
  client.onmessage = function (msg) {
    for (var i = 0; i < listeners.length; i++) listeners[i](msg.value);
  };
  return {
    increment: function (by, cb) { client.send({ by: by }, function (reply) { if (cb) cb(reply.value); }); },
    onChange: function (fn) { listeners.push(fn); }
  };
}
