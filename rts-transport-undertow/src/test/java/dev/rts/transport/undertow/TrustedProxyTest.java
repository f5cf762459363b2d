package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.ConnectionEvent;
import dev.rts.core.RtsServer;
import dev.rts.core.RtsServerBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Behind a reverse proxy, over real sockets: the test's client on 127.0.0.1 plays the proxy and writes
 * {@code X-Forwarded-For} as nginx does. The header is believed only from a trusted proxy, and the per-address limits
 * then count each client the proxy names, not the proxy.
 */
@Timeout(30)
class TrustedProxyTest {

    private RtsServer server;
    private TestServices.Echo echo;
    private final List<TestSocket> sockets = new ArrayList<>();

    private void start(UnaryOperator<RtsServerBuilder> config) {
        echo = new TestServices.Echo();
        server = config.apply(RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0).service(echo))
                .build();
        server.start();
    }

    @AfterEach
    void stop() {
        sockets.forEach(TestSocket::abort);
        if (server != null) {
            server.stop();
        }
    }

    private TestSocket open(String forwardedFor) {
        TestSocket socket = TestSocket.open(server.port(), Map.of("X-Forwarded-For", forwardedFor));
        sockets.add(socket);
        return socket;
    }

    /** Opens a socket through the "proxy" and completes the RTS handshake with a new session. */
    private TestSocket connected(String forwardedFor) {
        TestSocket socket = TestSocket.connected(server.port(), Map.of("X-Forwarded-For", forwardedFor));
        sockets.add(socket);
        return socket;
    }

    private String clientIpSeenByServices() throws InterruptedException {
        ConnectionEvent event = echo.connects.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("a connect event").isNotNull();
        return event.clientIp();
    }

    @Test
    void theHeaderIsIgnoredFromAPeerThatIsNotATrustedProxy() throws InterruptedException {
        start(b -> b.trustedProxies(List.of("10.0.0.0/8")));

        connected("203.0.113.7");

        assertThat(clientIpSeenByServices()).isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedProxyNamesTheClientAndTrustedHopsAreSkipped() throws InterruptedException {
        start(b -> b.trustedProxies(List.of("127.0.0.0/8", "10.1.2.3")));

        // A client may prepend whatever it likes; only the entries the trusted hops appended are believed.
        connected("198.51.100.66, 203.0.113.7, 10.1.2.3");
        assertThat(clientIpSeenByServices()).isEqualTo("203.0.113.7");

        connected("2001:db8::1");
        assertThat(clientIpSeenByServices()).isEqualTo("2001:db8:0:0:0:0:0:1");

        // Not an address: the walk stops at the proxy that passed it on.
        connected("not-an-address");
        assertThat(clientIpSeenByServices()).isEqualTo("127.0.0.1");
    }

    @Test
    void theConnectionLimitCountsEachForwardedClientNotTheProxy() throws InterruptedException {
        start(b -> b.trustedProxies(List.of("127.0.0.1")).maxConnectionsPerAddress(2));

        TestSocket first = connected("203.0.113.7");
        connected("203.0.113.7");
        TestSocket third = open("203.0.113.7");
        assertThat(third.awaitClose()).isEqualTo(1008);
        assertThat(third.awaitCloseReason()).isEqualTo("Too many connections from your address (limit 2); close "
                + "some and try again");

        // Four sockets from the proxy's own address in all: the proxy itself is not limited per address.
        connected("203.0.113.8");
        connected("203.0.113.8");

        first.close();
        assertThat(first.awaitClose()).isEqualTo(1000);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!admitted(open("203.0.113.7"))) {
            assertThat(System.nanoTime()).as("a closed socket's count is given back").isLessThan(deadline);
        }
    }

    /** Whether a socket completes the RTS handshake (true) or is closed by the server first (false). */
    private static boolean admitted(TestSocket socket) throws InterruptedException {
        try {
            socket.send("0|1|{\"c\":\"connect\",\"v\":\"test\",\"sessionId\":false}");
        } catch (CompletionException e) {
            // The server closed it before the handshake could be sent.
            return false;
        }
        long deadline = System.nanoTime() + TestSocket.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (socket.closeCode.isDone()) {
                return false;
            }
            String frame = socket.frames.poll(50, TimeUnit.MILLISECONDS);
            if (frame != null) {
                return frame.startsWith("0|1|{\"version\":");
            }
        }
        throw new AssertionError("Neither an answer nor a close within " + TestSocket.TIMEOUT);
    }

    @Test
    void newSessionsAreLimitedPerForwardedClient() throws InterruptedException {
        start(b -> b.trustedProxies(List.of("127.0.0.1")).newSessionsPerAddress(1, 1));

        connected("203.0.113.7");
        TestSocket refused = open("203.0.113.7");
        refused.send("0|1|{\"c\":\"connect\",\"v\":\"test\",\"sessionId\":false}");
        assertThat(refused.next()).contains("Too many new sessions from this address");

        connected("203.0.113.8");
    }
}
