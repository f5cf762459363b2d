package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rts.core.RtsServer;
import dev.rts.core.RtsServerBuilder;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bounds on connections before and after the upgrade, over real sockets. */
@Timeout(30)
class ConnectionBoundsTest {

    private RtsServer server;
    private int port;
    private final List<Socket> raw = new ArrayList<>();
    private final List<TestSocket> sockets = new ArrayList<>();

    private void start(UnaryOperator<RtsServerBuilder> config) {
        server = config.apply(RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0)
                .service(new TestServices.Echo())).build();
        server.start();
        port = server.port();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : raw) {
            socket.close();
        }
        sockets.forEach(TestSocket::abort);
        if (server != null) {
            server.stop();
        }
    }

    private Socket open(String from, int readTimeoutMillis) throws IOException {
        Socket socket = RawHttp.open(from, port, readTimeoutMillis);
        raw.add(socket);
        return socket;
    }

    private TestSocket connected() {
        TestSocket socket = TestSocket.connected(port);
        sockets.add(socket);
        return socket;
    }

    @Test
    void aHalfSentRequestIsClosedWhenTheHeaderTimeoutPasses() throws IOException {
        start(b -> b.requestHeaderTimeout(Duration.ofMillis(500)));
        Socket half = open("127.0.0.1", 5_000);
        long started = System.nanoTime();

        RawHttp.send(half, "GET / HTTP/1.1\r\nHost: x\r\nX-a: ");

        RawHttp.readAll(half);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anIdleConnectionThatNeverSendsARequestIsClosedToo() throws IOException {
        start(b -> b.requestHeaderTimeout(Duration.ofMillis(500)));
        Socket idle = open("127.0.0.1", 5_000);

        assertThat(RawHttp.readAll(idle)).isEmpty();
    }

    @Test
    void aRequestHeadOverTheSizeLimitIsRefused() throws IOException {
        start(b -> b.maxHeaderSize(2048));
        Socket big = open("127.0.0.1", 5_000);

        RawHttp.send(big, "GET /rts/client.js HTTP/1.1\r\nHost: x\r\nX-big: " + "a".repeat(4096) + "\r\n\r\n");

        assertThat(RawHttp.readAll(big)).doesNotStartWith("HTTP/1.1 200");
        connected();
    }

    @Test
    void connectionsOverThePerAddressLimitAreAnswered503AndOtherAddressesAreNot() throws IOException {
        start(b -> b.maxConnectionsPerAddress(3));
        for (int i = 0; i < 3; i++) {
            // Served, so surely counted before the fourth arrives (I/O threads admit in parallel, in any order).
            Socket admitted = open("127.0.0.2", 5_000);
            RawHttp.send(admitted, "GET /rts/client.js HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawHttp.readHead(admitted)).startsWith("HTTP/1.1 200");
        }

        Socket fourth = open("127.0.0.2", 5_000);

        String refusal = "Too many connections from your address (limit 3); close some and try again";
        assertThat(RawHttp.readAll(fourth)).startsWith("HTTP/1.1 503 Service Unavailable\r\n").endsWith(refusal);
        connected();
        // Closing one frees its place.
        raw.remove(0).close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            Socket again = open("127.0.0.2", 5_000);
            RawHttp.send(again, "GET /rts/client.js HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = RawHttp.readHead(again);
            if (head.startsWith("HTTP/1.1 200")) {
                break;
            }
            raw.remove(again);
            again.close();
            assertThat(System.nanoTime()).as("a place freed within 5 s; last answer %s", head).isLessThan(deadline);
        }
    }

    @Test
    void connectionsOverTheTotalLimitAreAnswered503() throws IOException {
        start(b -> b.maxConnections(2));
        for (String from : List.of("127.0.0.2", "127.0.0.3")) {
            Socket admitted = open(from, 5_000);
            RawHttp.send(admitted, "GET /rts/client.js HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawHttp.readHead(admitted)).startsWith("HTTP/1.1 200");
        }

        Socket third = open("127.0.0.4", 5_000);

        assertThat(RawHttp.readAll(third)).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .endsWith("Too many connections to this server (limit 2); try again later");
    }

    @Test
    void anUpgradedSocketThatNeverCompletesTheConnectHandshakeIsClosedWithAStatedReason() {
        start(b -> b.handshakeTimeout(Duration.ofSeconds(1)));
        TestSocket connected = connected();
        TestSocket silent = TestSocket.open(port);
        sockets.add(silent);

        assertThat(silent.awaitClose()).isEqualTo(1008);
        assertThat(silent.awaitCloseReason()).isEqualTo("Connect handshake not completed within 1 s");
        connected.send("1|2|\"still here\"");
        assertThat(connected.next()).isEqualTo("1|2|{\"echo\":\"still here\"}");
    }

    // ---- origins ----

    private String upgradeWith(String headers) throws IOException {
        Socket socket = open("127.0.0.1", 5_000);
        RawHttp.send(socket, RawHttp.upgrade(port, headers));
        return RawHttp.readHead(socket);
    }

    @Test
    void aDnsRebindingRequestIsRefusedWith403AndABodyThatNamesNothingInternal() throws IOException {
        start(b -> b);
        Socket socket = open("127.0.0.1", 5_000);
        String request = RawHttp.upgrade(port, "Origin: http://evil.example:" + port + "\r\n")
                .replace("Host: 127.0.0.1:" + port, "Host: evil.example:" + port);

        RawHttp.send(socket, request);

        String response = RawHttp.readAll(socket);
        assertThat(response).startsWith("HTTP/1.1 403 Forbidden\r\n")
                .endsWith("\r\n\r\nThis page's origin may not open a WebSocket to this server");
        assertThat(response).doesNotContain("Host", "allowedOrigins", "builder", "evil.example");
    }

    @Test
    void developmentAcceptsLoopbackPagesOnItsOwnPortAndScheme() throws IOException {
        start(b -> b);
        for (String origin : List.of("http://localhost:" + port, "http://127.0.0.1:" + port, "http://[::1]:" + port,
                "HTTP://LOCALHOST:" + port)) {
            assertThat(upgradeWith("Origin: " + origin + "\r\n")).as(origin).startsWith("HTTP/1.1 101");
        }
        for (String origin : List.of("https://127.0.0.1:" + port, "http://127.0.0.1:" + (port == 1 ? 2 : port - 1),
                "http://127.0.0.1", "http://localhost.evil.example:" + port, "null", "http://10.0.0.1:" + port)) {
            assertThat(upgradeWith("Origin: " + origin + "\r\n")).as(origin).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void configuredOriginsMatchSchemeHostAndPortExactly() throws IOException {
        start(b -> b.allowedOrigins(List.of("https://app.example.com", "http://app.example.com:8080")));
        for (String origin : List.of("https://app.example.com", "https://app.example.com:443",
                "http://app.example.com:8080")) {
            assertThat(upgradeWith("Origin: " + origin + "\r\n")).as(origin).startsWith("HTTP/1.1 101");
        }
        for (String origin : List.of("http://app.example.com", "https://app.example.com:8443",
                "http://localhost:" + port, "https://evil.app.example.com")) {
            assertThat(upgradeWith("Origin: " + origin + "\r\n")).as(origin).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void productionWithoutAnOriginPolicyRefusesToStartAndSaysHow() {
        RtsServer refused = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0).production(true)
                .build();

        assertThat(catchThrowable(refused::start)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("A production server must say which web pages may connect: call "
                        + "RtsServer.builder().allowedOrigins(List.of(\"https://app.example.com\")), or "
                        + "allowAnyOrigin() for a public API");
    }

    @Test
    void productionWithAnyOriginAllowedExplicitlyStarts() throws IOException {
        start(b -> b.production(true).allowAnyOrigin());

        assertThat(upgradeWith("Origin: https://anywhere.example\r\n")).startsWith("HTTP/1.1 101");
    }
}
