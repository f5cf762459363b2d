package dev.rts.bench.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens connections to one peer, completes each one's handshake, then hands its frames to the scenario. Socket
 * {@code i} binds source address {@code 127.0.0.(2 + i % 16)}, so 10,000 sockets of several runs in a row do not run
 * out of ephemeral ports (closed sockets linger in TIME_WAIT).
 */
final class Fleet implements AutoCloseable {

    /** What a scenario does with a ready connection's frames; runs on the loop thread. */
    interface Receiver {
        void onText(WsLoop.WsConnection connection, String text);
    }

    private static final int SOURCE_ADDRESSES = 16;

    final WsLoop loop = new WsLoop();
    final List<WsLoop.WsConnection> connections = new ArrayList<>();
    private final Peer peer;
    private final AtomicInteger closedEarly = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile Receiver receiver = (c, t) -> { };

    Fleet(Peer peer) {
        this.peer = peer;
    }

    void receiver(Receiver scenario) {
        this.receiver = scenario;
    }

    /** Opens {@code count} connections, at most {@code batch} handshakes at once, and waits until all are ready. */
    void open(int port, int count, int batch, long timeoutSeconds) throws InterruptedException {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            CountDownLatch ready = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                int index = start + i;
                InetSocketAddress local = new InetSocketAddress("127.0.0." + (2 + index % SOURCE_ADDRESSES), 0);
                connections.add(loop.connect(server, local, peer.path(), new Handler(ready)));
            }
            if (!ready.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException(peer.name() + ": only " + (start + n - ready.getCount()) + " of "
                        + count + " connections ready in " + timeoutSeconds + " s; first error: " + firstError.get());
            }
        }
        if (closedEarly.get() > 0) {
            throw new IllegalStateException(peer.name() + ": " + closedEarly.get() + " connections closed during the "
                    + "handshake; first error: " + firstError.get());
        }
    }

    /** Connections the server closed (or that failed) after they were ready. */
    int closedEarly() {
        return closedEarly.get();
    }

    String firstError() {
        return firstError.get();
    }

    @Override
    public void close() {
        loop.execute(() -> connections.forEach(WsLoop.WsConnection::close));
        loop.close();
    }

    private final class Handler implements WsLoop.Handler {
        private final CountDownLatch ready;
        private boolean isReady;
        private boolean closing;

        Handler(CountDownLatch ready) {
            this.ready = ready;
        }

        @Override
        public void onOpen(WsLoop.WsConnection connection) {
            String hello = peer.hello();
            if (hello != null) {
                connection.send(hello);
            } else if (peer.readyOnOpen()) {
                ready();
            }
        }

        @Override
        public void onText(WsLoop.WsConnection connection, String text) {
            if (isReady) {
                if (!peer.onChatter(connection, text)) {
                    receiver.onText(connection, text);
                }
            } else if (peer.onHandshake(connection, text)) {
                ready();
            }
        }

        private void ready() {
            isReady = true;
            ready.countDown();
        }

        @Override
        public void onClose(WsLoop.WsConnection connection, String error) {
            if (closing) {
                return;
            }
            closing = true;
            if (error != null) {
                firstError.compareAndSet(null, error);
            }
            closedEarly.incrementAndGet();
            if (!isReady) {
                ready.countDown();
            }
        }
    }
}
