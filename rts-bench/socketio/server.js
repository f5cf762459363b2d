// The Socket.IO 4.8 peer: "echo" answers its argument through the ack; "pub" is emitted to every socket.
// Prints "PORT <n>" once listening. Usage: node server.js [port]
const { createServer } = require("http");
const { Server } = require("socket.io");

const http = createServer();
const io = new Server(http, { transports: ["websocket"], serveClient: false });
io.on("connection", (socket) => {
  socket.on("echo", (text, ack) => ack(text));
  socket.on("pub", (text) => io.emit("ev", text));
});
http.listen(Number(process.argv[2] || 0), "127.0.0.1", () => {
  console.log("PORT " + http.address().port);
});
process.on("SIGTERM", () => process.exit(0));
