package dev.rts.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.core.RtsServer;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JDK WebSocket transport reports a socket it had to give up on, so the client neither hangs nor lies. */
@Timeout(30)
class JdkTransportFailureTest {

    private RtsServer server;
    private RtsClient client;
    private final BlockingQueue<ClientStatus> statuses = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        server = EchoServer.start(0);
        client = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + server.port() + "/")).reconnect(false)
                .build();
        client.connect().get(5, TimeUnit.SECONDS);
        client.onStatus(statuses::add);
    }

    @AfterEach
    void stop() {
        client.disconnect();
        server.stop();
    }

    @Test
    void aFrameTheSocketCannotSendClosesTheClientAndFailsTheCall() throws Exception {
        // A lone surrogate (half an emoji) is not valid UTF-8: the JDK socket fails the send and is aborted.
        CompletableFuture<ClientMessage> call = client.service("echo").call(Map.of("text", "cut \uD83D"));

        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RtsErrorException.class)
                .hasMessageStartingWith("Connection closed before a reply (code 1006");
        assertThat(statuses.poll(5, TimeUnit.SECONDS)).isEqualTo(ClientStatus.CLOSED);
        assertThat(client.isReady()).isFalse();
        assertThat(client.service("echo").send(Map.of("x", 1))).isFalse();
    }
}
