package dev.rts.bench.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A lean WebSocket client for load generation: one thread and one selector drive every connection, frames are
 * written straight from the caller's bytes, nothing is pooled or copied twice. {@code java.net.http.WebSocket} costs
 * about twice the CPU per message, and on a small machine the load generator's CPU is taken from the server.
 *
 * <p>Every callback and every {@link WsConnection#send} runs on the loop thread; other threads hand work over with
 * {@link #execute}. Client frames use an all-zero mask key: legal (the key is not checked by servers) and free.
 */
public final class WsLoop implements Closeable {

    /** Receives a connection's events on the loop thread. */
    public interface Handler {
        /** The upgrade succeeded. */
        void onOpen(WsConnection connection);

        /** A complete text frame; ASCII payloads are read as ISO-8859-1, which costs no decoding. */
        void onText(WsConnection connection, String text);

        /** The connection closed or failed; {@code error} is null after a clean close. */
        void onClose(WsConnection connection, String error);
    }

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile Runnable tick = () -> { };
    private volatile boolean running = true;

    /** Starts the loop thread. */
    public WsLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, "bench-ws-loop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the loop thread. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the loop thread at least every millisecond (pacing publishers). */
    public void onTick(Runnable task) {
        tick = task;
        selector.wakeup();
    }

    /**
     * Opens a connection; callable from any thread.
     *
     * @param server the server address
     * @param local  the local address to bind (to spread 10,000 sockets over several 127.0.0.x), or null
     * @param path   the request path, such as {@code /} or {@code /socket.io/?EIO=4&transport=websocket}
     */
    public WsConnection connect(InetSocketAddress server, InetSocketAddress local, String path, Handler handler) {
        WsConnection connection = new WsConnection(this, server, path, handler);
        execute(() -> connection.start(local));
        return connection;
    }

    SelectionKey register(SocketChannel channel, int ops, WsConnection connection) throws IOException {
        return channel.register(selector, ops, connection);
    }

    private void run() {
        try {
            while (running) {
                selector.select(1);
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    ((WsConnection) key.attachment()).ready(key);
                }
                selector.selectedKeys().clear();
                tick.run();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                e.printStackTrace();
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                ((WsConnection) key.attachment()).abort("client loop stopped");
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }

    /** Stops the loop and drops every connection. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client WebSocket. Not thread-safe: use it on the loop thread only. */
    public static final class WsConnection {
        private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

        private final WsLoop loop;
        private final InetSocketAddress server;
        private final String path;
        private final Handler handler;
        private final Queue<ByteBuffer> pending = new ArrayDeque<>();
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private boolean upgraded;
        private boolean closed;
        private StringBuilder fragments;
        /** Free for the scenario's per-connection bookkeeping. */
        public Object attachment;

        WsConnection(WsLoop loop, InetSocketAddress server, String path, Handler handler) {
            this.loop = loop;
            this.server = server;
            this.path = path;
            this.handler = handler;
        }

        void start(InetSocketAddress local) {
            try {
                channel = SocketChannel.open();
                if (local != null) {
                    channel.bind(local);
                }
                channel.configureBlocking(false);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                boolean connected = channel.connect(server);
                key = loop.register(channel, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
                if (connected) {
                    upgrade();
                }
            } catch (IOException e) {
                abort("connect failed: " + e.getMessage());
            }
        }

        private void upgrade() throws IOException {
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
        }

        void ready(SelectionKey readyKey) {
            try {
                if (!readyKey.isValid()) {
                    return;
                }
                if (readyKey.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                    upgrade();
                }
                if (readyKey.isValid() && readyKey.isWritable()) {
                    flush();
                }
                if (readyKey.isValid() && readyKey.isReadable()) {
                    read();
                }
            } catch (IOException | RuntimeException e) {
                abort(e.toString());
            }
        }

        private void read() throws IOException {
            while (true) {
                if (!in.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                    in.flip();
                    bigger.put(in);
                    in = bigger;
                }
                int n = channel.read(in);
                if (n < 0) {
                    abort(null);
                    return;
                }
                if (n == 0) {
                    return;
                }
                in.flip();
                if (!upgraded && !readHeaders()) {
                    in.compact();
                    continue;
                }
                while (!closed && readFrame()) {
                    // next frame
                }
                if (closed) {
                    return;
                }
                in.compact();
            }
        }

        private boolean readHeaders() {
            byte[] bytes = in.array();
            int end = -1;
            for (int i = in.position(); i + 3 < in.limit(); i++) {
                if (bytes[i] == HEADER_END[0] && bytes[i + 1] == HEADER_END[1] && bytes[i + 2] == HEADER_END[2]
                        && bytes[i + 3] == HEADER_END[3]) {
                    end = i + 4;
                    break;
                }
            }
            if (end < 0) {
                return false;
            }
            String status = new String(bytes, in.position(), Math.min(12, end), StandardCharsets.ISO_8859_1);
            if (!status.startsWith("HTTP/1.1 101")) {
                abort("upgrade refused: " + new String(bytes, in.position(), end - in.position(),
                        StandardCharsets.ISO_8859_1).lines().findFirst().orElse(""));
                return false;
            }
            in.position(end);
            upgraded = true;
            handler.onOpen(this);
            return true;
        }

        /** Reads one frame if it is complete; leaves the buffer untouched otherwise. */
        private boolean readFrame() throws IOException {
            int start = in.position();
            if (in.remaining() < 2) {
                return false;
            }
            int b0 = in.get() & 0xFF;
            int b1 = in.get() & 0xFF;
            long length = b1 & 0x7F;
            if (length == 126) {
                if (in.remaining() < 2) {
                    in.position(start);
                    return false;
                }
                length = in.getShort() & 0xFFFF;
            } else if (length == 127) {
                if (in.remaining() < 8) {
                    in.position(start);
                    return false;
                }
                length = in.getLong();
            }
            if (length > 64L * 1024 * 1024) {
                throw new IOException("frame of " + length + " bytes");
            }
            if (in.remaining() < length) {
                in.position(start);
                if (in.capacity() < length + 16) {
                    ByteBuffer bigger = ByteBuffer.allocate((int) length + 16);
                    bigger.put(in);
                    bigger.flip();
                    in = bigger;
                }
                return false;
            }
            String text = new String(in.array(), in.position(), (int) length, StandardCharsets.ISO_8859_1);
            in.position(in.position() + (int) length);
            int opcode = b0 & 0x0F;
            boolean fin = (b0 & 0x80) != 0;
            switch (opcode) {
                case 0x1, 0x0 -> text(text, fin, opcode == 0x0);
                case 0x8 -> abort(null);
                case 0x9 -> frame(0xA, text.getBytes(StandardCharsets.ISO_8859_1));
                default -> { }
            }
            return true;
        }

        private void text(String text, boolean fin, boolean continuation) {
            if (!continuation && fin) {
                handler.onText(this, text);
                return;
            }
            if (!continuation) {
                fragments = new StringBuilder();
            }
            fragments.append(text);
            if (fin) {
                String whole = fragments.toString();
                fragments = null;
                handler.onText(this, whole);
            }
        }

        /** Sends a text frame (ASCII expected); queues what the socket does not take at once. */
        public void send(String text) {
            frame(0x1, text.getBytes(StandardCharsets.ISO_8859_1));
        }

        private void frame(int opcode, byte[] payload) {
            if (closed) {
                return;
            }
            int length = payload.length;
            int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
            ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
            frame.put((byte) (0x80 | opcode));
            if (length < 126) {
                frame.put((byte) (0x80 | length));
            } else if (length < 65536) {
                frame.put((byte) (0x80 | 126)).putShort((short) length);
            } else {
                frame.put((byte) (0x80 | 127)).putLong(length);
            }
            frame.putInt(0).put(payload).flip();
            try {
                write(frame);
            } catch (IOException e) {
                abort(e.toString());
            }
        }

        private void write(ByteBuffer buffer) throws IOException {
            if (pending.isEmpty()) {
                channel.write(buffer);
                if (!buffer.hasRemaining()) {
                    return;
                }
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            }
            pending.add(buffer);
        }

        private void flush() throws IOException {
            while (!pending.isEmpty()) {
                ByteBuffer head = pending.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    return;
                }
                pending.poll();
            }
            key.interestOps(SelectionKey.OP_READ);
        }

        /** Bytes waiting to be written. */
        public int pendingWrites() {
            return pending.size();
        }

        /** Whether the connection is closed. */
        public boolean isClosed() {
            return closed;
        }

        /** Closes the socket at once (no close handshake: the bench is done with it). */
        public void close() {
            abort(null);
        }

        void abort(String error) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // Closing anyway.
            }
            handler.onClose(this, error);
        }
    }
}
