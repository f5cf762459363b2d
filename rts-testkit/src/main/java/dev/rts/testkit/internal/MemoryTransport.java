package dev.rts.testkit.internal;

import dev.rts.api.Identity;
import dev.rts.client.ClientTransport;
import dev.rts.core.Admission;
import dev.rts.core.HandshakeRequest;
import dev.rts.core.spi.Connection;
import dev.rts.core.spi.OutboundFrame;
import dev.rts.core.spi.Transport;
import dev.rts.core.spi.TransportHost;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transport without sockets: each client transport it creates is piped straight into the server's
 * {@link TransportHost}. Frames are real text and binary frames, so the whole protocol is exercised; the frame size limit is
 * enforced as a socket transport would.
 */
public final class MemoryTransport implements Transport {

    /** The transport name reported by {@code Request.transport()}. */
    public static final String NAME = "memory";

    private final AtomicLong ids = new AtomicLong();
    private final Set<Pipe> open = ConcurrentHashMap.newKeySet();
    private volatile TransportHost host;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(TransportHost transportHost) {
        this.host = transportHost;
    }

    @Override
    public void stop() {
        for (Pipe pipe : open) {
            pipe.close(1001, "Server stopping");
        }
    }

    /**
     * A new client side of a pipe; the server sees a new connection when the client opens it.
     *
     * @return the client transport
     */
    public ClientTransport newClient() {
        return new Pipe("mem-" + ids.incrementAndGet(), null, null);
    }

    /**
     * A new client side of a pipe whose upgrade request carries {@code Authorization: Bearer <token>}, for the
     * server's authenticator to decide about, as over a socket.
     *
     * @param token the bearer token
     * @return the client transport
     */
    public ClientTransport newClientWithToken(String token) {
        return new Pipe("mem-" + ids.incrementAndGet(), Objects.requireNonNull(token, "token"), null);
    }

    /**
     * A new client side of a pipe admitted as the identity without asking the server's authenticator: the pipe
     * stands for a socket the authenticator already admitted.
     *
     * @param identity who the socket is
     * @return the client transport
     */
    public ClientTransport newClientAs(Identity identity) {
        return new Pipe("mem-" + ids.incrementAndGet(), null, Objects.requireNonNull(identity, "identity"));
    }

    /** Both ends of one in-memory connection. */
    public final class Pipe implements ClientTransport, Connection {
        private final String id;
        private final String token;
        private final Identity identity;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Listener listener;

        Pipe(String id, String token, Identity identity) {
            this.id = id;
            this.token = token;
            this.identity = identity;
        }

        // ---- client side ----

        @Override
        public void open(Listener eventListener) {
            TransportHost server = host;
            if (server == null) {
                eventListener.onClose(1006, "The test server is not started");
                return;
            }
            this.listener = eventListener;
            if (identity != null) {
                admitted(server, new Admission.Admitted(identity));
                return;
            }
            Map<String, List<String>> headers = token == null ? Map.of()
                    : Map.of("Authorization", List.of("Bearer " + token));
            server.authenticate(new HandshakeRequest("/", "127.0.0.1", headers, Map.of(), Map.of()))
                    .thenAccept(admission -> {
                        if (admission instanceof Admission.Admitted admitted) {
                            admitted(server, admitted);
                        } else if (admission instanceof Admission.Refused refused) {
                            // What the JVM client reports for an upgrade a socket server refused.
                            eventListener.onClose(1006, "Upgrade refused with HTTP " + refused.status() + ": "
                                    + refused.body());
                        }
                    });
        }

        private void admitted(TransportHost server, Admission.Admitted admission) {
            open.add(this);
            server.opened(this, admission);
            synchronized (this) {
                listener.onOpen();
            }
        }

        @Override
        public boolean send(String frame) {
            if (closed.get()) {
                return false;
            }
            if (frame.getBytes(StandardCharsets.UTF_8).length > host.settings().maxFrameSize()) {
                close(1009, "Message too big (limit " + host.settings().maxFrameSize() + " bytes)");
                return true;
            }
            host.received(this, frame);
            return true;
        }

        @Override
        public boolean sendBinary(ByteBuffer frame) {
            if (closed.get()) {
                return false;
            }
            if (frame.remaining() > host.settings().maxFrameSize()) {
                close(1009, "Message too big (limit " + host.settings().maxFrameSize() + " bytes)");
                return true;
            }
            // A copy, as a socket would make: the server may keep what it received after the client reuses its buffer.
            ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
            copy.put(frame.duplicate()).flip();
            host.receivedBinary(this, copy);
            return true;
        }

        @Override
        public void close() {
            close(1000, "Closed by client");
        }

        // ---- server side ----

        @Override
        public String id() {
            return id;
        }

        @Override
        public String clientIp() {
            return "127.0.0.1";
        }

        @Override
        public boolean send(OutboundFrame frame) {
            if (closed.get()) {
                return false;
            }
            // One delivery at a time per connection, as a socket would deliver them.
            synchronized (this) {
                if (frame.isBinary()) {
                    // The shared read-only view, not a copy: fan-out tests can see that every client got one frame.
                    listener.onBinary(frame.bytes());
                } else {
                    listener.onText(frame.text());
                }
            }
            return true;
        }

        @Override
        public void close(int code, String reason) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            open.remove(this);
            host.closed(this, code, reason);
            synchronized (this) {
                listener.onClose(code, reason);
            }
        }

        @Override
        public boolean isOpen() {
            return !closed.get();
        }

        @Override
        public String toString() {
            return "MemoryConnection[" + id + "]";
        }
    }
}
