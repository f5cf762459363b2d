package dev.rts.core;

import dev.rts.core.spi.Transport;
import dev.rts.core.spi.TransportHost;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory transport: no sockets, no threads of its own. The test thread plays the transport's I/O thread and
 * opens connections with {@link #open(String)}.
 */
public final class FakeTransport implements Transport {

    private final AtomicInteger ids = new AtomicInteger();
    private final List<FakeConnection> connections = new CopyOnWriteArrayList<>();
    private volatile TransportHost host;
    private volatile Exception startFailure;
    private volatile boolean stopped;
    private volatile Queue<String> lifecycle = new ConcurrentLinkedQueue<>();

    public FakeTransport() {
    }

    @Override
    public String name() {
        return "memory";
    }

    /** Makes {@link #start(TransportHost)} throw, as a transport whose port is taken would. */
    public FakeTransport failingWith(Exception failure) {
        this.startFailure = failure;
        return this;
    }

    /** Records start and stop as {@code "start memory"} and {@code "stop memory"}, beside the services' events. */
    public FakeTransport recordLifecycleIn(Queue<String> events) {
        this.lifecycle = events;
        return this;
    }

    @Override
    public void start(TransportHost transportHost) throws Exception {
        lifecycle.add("start memory");
        if (startFailure != null) {
            throw startFailure;
        }
        this.host = transportHost;
    }

    @Override
    public void stop() {
        if (host == null || stopped) {
            return;
        }
        stopped = true;
        lifecycle.add("stop memory");
        for (FakeConnection connection : connections) {
            connection.close(1001, "Server stopping");
        }
    }

    /** Whether {@link #stop()} ran after a successful start. */
    public boolean stopped() {
        return stopped;
    }

    /** The host the server started this transport with. */
    public TransportHost host() {
        if (host == null) {
            throw new IllegalStateException("The fake transport was not started");
        }
        return host;
    }

    /** Opens a connection from a loopback client. */
    public FakeConnection open() {
        return open("127.0.0.1");
    }

    /**
     * Opens a connection, as a transport does when a socket completed its upgrade.
     *
     * @param clientIp the remote address the connection reports
     */
    public FakeConnection open(String clientIp) {
        FakeConnection connection = new FakeConnection("fake-" + ids.incrementAndGet(), clientIp, host());
        connections.add(connection);
        host.opened(connection);
        return connection;
    }

    /** Every connection opened so far. */
    public List<FakeConnection> connections() {
        return List.copyOf(connections);
    }
}
