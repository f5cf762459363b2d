package dev.rts.testkit.internal;

import dev.rts.client.ClientTransport;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits between a test client and its real transport (an in-memory pipe or a WebSocket): shows every frame the server
 * sent to a {@link Tap} before the client reads it, sends raw frames the client would never write, and runs
 * barriers, a {@code discover} round trip on the client's own connection whose answer the client never sees.
 */
public final class TappedTransport implements ClientTransport {

    /** Sees every frame the server sent, in order, on the transport's event thread. */
    public interface Tap {
        /**
         * A text frame arrived.
         *
         * @param frame the frame
         */
        void text(String frame);

        /**
         * A binary frame arrived.
         *
         * @param frame a copy the tap may keep
         */
        void binary(byte[] frame);
    }

    /**
     * Barrier callback ids: far above any the client's own system service uses, so that its answer is told apart.
     */
    private static final AtomicLong BARRIER_IDS = new AtomicLong(1L << 40);

    private final ClientTransport delegate;
    private final Tap tap;
    private final Map<Long, CompletableFuture<Void>> barriers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Wraps a transport.
     *
     * @param delegate the real transport
     * @param tap      sees every frame the server sent
     */
    public TappedTransport(ClientTransport delegate, Tap tap) {
        this.delegate = delegate;
        this.tap = tap;
    }

    /**
     * The real transport.
     *
     * @return the wrapped transport
     */
    public ClientTransport delegate() {
        return delegate;
    }

    /**
     * Whether the connection closed (or never opened).
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void open(Listener listener) {
        delegate.open(new Listener() {
            @Override
            public void onOpen() {
                listener.onOpen();
            }

            @Override
            public void onText(String frame) {
                if (!endsBarrier(frame)) {
                    tap.text(frame);
                    listener.onText(frame);
                }
            }

            @Override
            public void onBinary(ByteBuffer frame) {
                byte[] copy = new byte[frame.remaining()];
                frame.duplicate().get(copy);
                tap.binary(copy);
                listener.onBinary(frame);
            }

            @Override
            public void onClose(int code, String reason) {
                closed = true;
                barriers.values().forEach(b -> b.completeExceptionally(new IllegalStateException("The connection "
                        + "closed (" + code + " " + reason + ") before the server answered the barrier")));
                listener.onClose(code, reason);
            }
        });
    }

    /**
     * Sends a discover request that only this transport reads. Its answer, or the error frame that refuses it (a
     * rate limit, say), comes after every frame the server sent this connection before it handled the request.
     *
     * @return completes when the answer arrived; fails if the connection closes first
     */
    public CompletableFuture<Void> barrier() {
        long id = BARRIER_IDS.incrementAndGet();
        CompletableFuture<Void> done = new CompletableFuture<>();
        barriers.put(id, done);
        if (closed || !delegate.send("0|" + id + "|{\"c\":\"discover\",\"p\":{}}")) {
            barriers.remove(id);
            done.completeExceptionally(new IllegalStateException("The client is not connected"));
        }
        return done;
    }

    /** Whether the frame answers (or refuses) a barrier; if so it is not passed on to the client. */
    private boolean endsBarrier(String frame) {
        if (barriers.isEmpty() || !frame.startsWith("0|")) {
            return false;
        }
        for (Map.Entry<Long, CompletableFuture<Void>> barrier : barriers.entrySet()) {
            long id = barrier.getKey();
            if (frame.startsWith("0|" + id + "|") || frame.startsWith("0||") && frame.contains("\"serviceId\":0")
                    && frame.contains("\"callbackId\":" + id)) {
                barriers.remove(id);
                barrier.getValue().complete(null);
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean send(String frame) {
        return delegate.send(frame);
    }

    @Override
    public boolean sendBinary(ByteBuffer frame) {
        return delegate.sendBinary(frame);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "Tapped[" + delegate + "]";
    }

}
