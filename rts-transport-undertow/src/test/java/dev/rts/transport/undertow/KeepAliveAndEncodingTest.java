package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.core.RtsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class KeepAliveAndEncodingTest {

    private RtsServer server;

    @BeforeEach
    void start() {
        server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0)
                .pingInterval(Duration.ofMillis(100))
                .idleTimeout(Duration.ofMillis(400))
                .service(new TestServices.Echo())
                .build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void invalidUtf8ClosesOnlyThatConnectionWith1007() throws Exception {
        TestSocket bystander = TestSocket.connected(server.port());
        try (RawWebSocket raw = new RawWebSocket(server.port(), 5000)) {
            raw.sendText(new byte[] {'1', '|', '1', '|', '"', (byte) 0xC0, (byte) 0xAF, '"'});
            assertThat(raw.awaitClose()).isEqualTo(1007);
        }
        bystander.send("1|2|\"fine\"");
        assertThat(bystander.next()).isEqualTo("1|2|{\"echo\":\"fine\"}");
        bystander.abort();
    }

    @Test
    void serverPingsAndAClientThatAnswersStaysOpenPastTheIdleTimeout() throws Exception {
        CountDownLatch pings = new CountDownLatch(8);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                        pings.countDown();
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        // Eight pings at 100 ms span twice the 400 ms idle timeout; the JDK client answers each with a pong.
        assertThat(pings.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(socket.isOutputClosed()).isFalse();
        assertThat(socket.isInputClosed()).isFalse();
        socket.abort();
    }

    @Test
    void aSilentClientIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(server.port(), 10_000)) {
            // The raw client never answers pings, so it goes silent and is closed with 1001.
            assertThat(raw.awaitClose()).isEqualTo(1001);
        }
    }

    @Test
    void aBinaryFrameWithoutHeaderGetsAnErrorFrameAndTheSocketStaysUsable() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(server.port(), 5000)) {
            raw.send(0x2, new byte[] {1, 2, 3});
            RawWebSocket.Frame frame;
            do {
                frame = raw.read();
            } while (frame.opcode() != 0x1);
            assertThat(frame.text()).isEqualTo("0||{\"type\":\"error\",\"message\":\"Malformed frame: expected "
                    + "'<serviceId>|<payload>' but found no '|' in '???'\"}");
            raw.sendText("0|1|{\"c\":\"connect\",\"sessionId\":false}".getBytes(StandardCharsets.UTF_8));
            do {
                frame = raw.read();
            } while (frame.opcode() != 0x1);
            assertThat(frame.text()).startsWith("0|1|{\"version\"");
        }
    }
}
