package dev.rts.transport.undertow.internal;

import dev.rts.core.spi.ConnectionLimits;
import dev.rts.api.LogLimiter;
import dev.rts.core.spi.TransportHost;
import dev.rts.core.spi.TrustedProxies;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.channels.AcceptingChannel;

/**
 * Admits accepted connections within the limits, in total and per remote address, before Undertow reads a byte from
 * them; a connection over a limit is answered {@code 503} (on plain HTTP) and closed at once, so that one address
 * holding thousands of half-sent requests cannot use up the file descriptors other clients need. Runs on the
 * accepting I/O thread.
 *
 * <p>A trusted proxy's connections count only toward the total: the proxy speaks for many clients. Their WebSockets
 * are counted per client instead, once the upgrade names the client ({@link #admitForwarded}).
 */
final class ConnectionGate implements ChannelListener<AcceptingChannel<StreamConnection>> {

    /** Connections accepted per event before yielding the thread to other work. */
    private static final int ACCEPTS_PER_EVENT = 64;

    private final ConnectionLimits limits;
    private final ChannelListener<StreamConnection> next;
    private final TransportHost host;
    private final boolean plainHttp;
    private final TrustedProxies proxies;
    private final AtomicInteger open = new AtomicInteger();
    /** Open connections per address; an address leaves when its count reaches 0, inside the map's atomic update. */
    private final Map<String, Integer> openByAddress = new ConcurrentHashMap<>();
    private final LogLimiter refusals = new LogLimiter(UndertowServer.LOG, 10_000_000_000L);

    ConnectionGate(ConnectionLimits limits, ChannelListener<StreamConnection> next, TransportHost host,
                   boolean plainHttp, TrustedProxies proxies) {
        this.limits = limits;
        this.next = next;
        this.host = host;
        this.plainHttp = plainHttp;
        this.proxies = proxies;
    }

    @Override
    public void handleEvent(AcceptingChannel<StreamConnection> channel) {
        try {
            for (int i = 0; i < ACCEPTS_PER_EVENT; i++) {
                StreamConnection connection = channel.accept();
                if (connection == null) {
                    return;
                }
                admit(connection);
            }
        } catch (IOException e) {
            UndertowServer.LOG.debug("Accept failed: {}", e.toString());
        } catch (Error e) {
            host.fatalError(e);
            throw e;
        }
    }

    /** Connections open now, for tests and logs. */
    int open() {
        return open.get();
    }

    private void admit(StreamConnection connection) {
        String address = addressOf(connection.getPeerAddress());
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            refuse(connection, address, "Too many connections to this server (limit " + limits.maxConnections()
                    + "); try again later");
            return;
        }
        // A trusted proxy speaks for many clients: its own connections count only toward the total.
        boolean perAddress = !proxies.trusts(address);
        if (perAddress && !countIn(address)) {
            open.decrementAndGet();
            refuse(connection, address, perAddressRefusal());
            return;
        }
        next.handleEvent(connection);
        // Undertow installed its own close listener; chain ours in front so the counts follow every close, whether
        // the connection stayed HTTP or was upgraded to a WebSocket.
        ChannelListener<? super StreamConnection> undertows = connection.getCloseListener();
        AtomicBoolean released = new AtomicBoolean();
        connection.setCloseListener(closed -> {
            if (released.compareAndSet(false, true)) {
                release(address, perAddress);
            }
            ChannelListeners.invokeChannelListener(closed, undertows);
        });
        if (!connection.isOpen() && released.compareAndSet(false, true)) {
            release(address, perAddress);
        }
    }

    private void release(String address, boolean perAddress) {
        open.decrementAndGet();
        if (perAddress) {
            countOut(address);
        }
    }

    /** Counts one more connection from an address, unless it has the most allowed already. */
    private boolean countIn(String address) {
        boolean[] admitted = {false};
        openByAddress.compute(address, (a, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limits.maxConnectionsPerAddress()) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    private void countOut(String address) {
        openByAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    /**
     * Counts a WebSocket that a trusted proxy opened for a client against that client's address; give it back with
     * {@link #releaseForwarded} when the socket closes.
     *
     * @param client the address the proxy named
     * @return false if the client already has {@code maxConnectionsPerAddress} open (nothing is counted then)
     */
    boolean admitForwarded(String client) {
        if (!countIn(client)) {
            refusals.warn("Refused a WebSocket from {} through a trusted proxy: more than {} connections from it",
                    client, limits.maxConnectionsPerAddress());
            return false;
        }
        return true;
    }

    /** Gives back what {@link #admitForwarded} counted. */
    void releaseForwarded(String client) {
        countOut(client);
    }

    /** The reason a socket over the per-address limit is closed with, in the words of the HTTP refusal. */
    String perAddressRefusal() {
        return "Too many connections from your address (limit " + limits.maxConnectionsPerAddress()
                + "); close some and try again";
    }

    private void refuse(StreamConnection connection, String address, String why) {
        refusals.warn("Refused a connection from {}: {}", address, why);
        if (plainHttp) {
            try {
                // Read what already arrived, so that closing sends FIN rather than RST and the client sees the status.
                connection.getSourceChannel().read(ByteBuffer.allocate(4096));
                byte[] body = why.getBytes(StandardCharsets.UTF_8);
                String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\nRetry-After: 5\r\n\r\n";
                ByteBuffer response = ByteBuffer.allocate(head.length() + body.length);
                response.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
                connection.getSinkChannel().write(response);
                connection.getSinkChannel().shutdownWrites();
                connection.getSinkChannel().flush();
            } catch (IOException e) {
                UndertowServer.LOG.debug("Could not answer a refused connection from {}: {}", address, e.toString());
            }
        }
        IoUtils.safeClose(connection);
    }

    private static String addressOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
