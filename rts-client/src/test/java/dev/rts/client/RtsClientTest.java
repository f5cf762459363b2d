package dev.rts.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.core.RtsServer;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RtsClientTest {

    private RtsServer server;
    private RtsClient client;

    @BeforeEach
    void start() throws Exception {
        server = EchoServer.start(0);
        client = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + server.port() + "/")).build();
        client.connect().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        client.disconnect();
        server.stop();
    }

    @Test
    void discoversServicesAndCallsWithACallback() throws Exception {
        assertThat(client.services()).containsExactly("echo");
        assertThat(client.sessionId()).matches("[A-Za-z0-9_-]{32}");
        Map<?, ?> answer = client.service("echo").call(Map.of("x", 1, "session", true), Map.class)
                .get(5, TimeUnit.SECONDS);
        assertThat(answer.get("echo")).isEqualTo(Map.of("x", 1L, "session", true));
        assertThat(answer.get("session")).isEqualTo(client.sessionId());
    }

    @Test
    void receivesBroadcasts() throws Exception {
        BlockingQueue<ClientMessage> pushes = new LinkedBlockingQueue<>();
        client.service("echo").onMessage(pushes::add);
        client.service("echo").call(Map.of("broadcast", "hello")).get(5, TimeUnit.SECONDS);
        ClientMessage push = pushes.poll(5, TimeUnit.SECONDS);
        assertThat(push).isNotNull();
        assertThat(push.text()).isEqualTo("{\"news\":\"hello\"}");
    }

    @Test
    void errorFrameFailsTheCall() {
        CompletableFuture<ClientMessage> call = client.service("echo").call(Map.of("fail", true));
        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RtsErrorException.class).hasMessage("Echo was told to fail");
    }

    @Test
    void unknownServiceNamesTheOnesOffered() {
        assertThatThrownBy(() -> client.service("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The server offers no service named 'nope'; it offers [echo]");
    }

    @Test
    void pendingCallFailsWhenTheConnectionDrops() {
        CompletableFuture<ClientMessage> call = client.service("echo").call(Map.of("never", true));
        server.stop();
        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RtsErrorException.class)
                .hasMessageStartingWith("Connection closed before a reply (code 1001");
    }

    @Test
    void reconnectsToARestartedServerWithTheSameSession() throws Exception {
        BlockingQueue<ClientStatus> statuses = new LinkedBlockingQueue<>();
        client.onStatus(statuses::add);
        String session = client.sessionId();
        int port = server.port();
        server.stop();
        assertThat(statuses.poll(5, TimeUnit.SECONDS)).isEqualTo(ClientStatus.CLOSED);
        server = EchoServer.start(port);
        ClientStatus status;
        do {
            status = statuses.poll(10, TimeUnit.SECONDS);
            assertThat(status).as("status events until READY").isNotNull();
        } while (status != ClientStatus.READY);
        // The new server process never saw this session, so it hands out a new one rather than trusting the client.
        assertThat(client.sessionId()).isNotEqualTo(session);
        Map<?, ?> answer = client.service("echo").call(Map.of("again", true), Map.class).get(5, TimeUnit.SECONDS);
        assertThat(answer.get("echo")).isEqualTo(Map.of("again", true));
    }

    @Test
    void resumesASessionOnANewClient() throws Exception {
        try (RtsClient second = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + server.port() + "/"))
                .sessionId(client.sessionId()).build()) {
            second.connect().get(5, TimeUnit.SECONDS);
            assertThat(second.sessionId()).isEqualTo(client.sessionId());
        }
    }

    @Test
    void sendWhileDisconnectedReturnsFalse() {
        ServiceHandle echo = client.service("echo");
        client.disconnect();
        assertThat(echo.send(Map.of("x", 1))).isFalse();
        assertThatThrownBy(() -> echo.call(Map.of("x", 1)).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RtsErrorException.class).hasMessage("Not connected: cannot call service 'echo'");
    }
}
