package dev.rts.testkit;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.ConnectionEvent;
import dev.rts.core.IncomingMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class TestServerTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void echoWithCallback() {
        server = TestServer.start(new EchoService());
        TestClient client = server.client();
        assertThat(client.call("echo", Map.of("x", 1))).hasJson("{\"echo\":{\"x\":1},\"user\":\"nobody\"}");
        client.assertNoMoreMessages();
    }

    @Test
    void broadcastReachesThreeClients() {
        server = TestServer.start(new EchoService());
        TestClient a = server.client();
        TestClient b = server.client();
        TestClient c = server.client();
        a.call("echo", Map.of("shout", "hi"));
        for (TestClient client : new TestClient[] {a, b, c}) {
            assertThat(client.nextMessage("echo")).isFrom("echo").hasText("{\"shout\":\"hi\"}");
            client.assertNoMoreMessages();
        }
    }

    @Test
    void disconnectEventFires() throws InterruptedException {
        server = TestServer.start(new EchoService());
        TestClient client = server.client();
        String socketId = client.socketId();
        client.disconnect();
        ConnectionEvent event = server.api().get("echo", EchoService.Events.class).disconnects
                .poll(5, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(event.socketId()).isEqualTo(socketId);
        assertThat(event.transport()).isEqualTo("memory");
    }

    @Test
    void reconnectKeepsTheSessionAndItsUser() {
        server = TestServer.start(new EchoService());
        TestClient client = server.client();
        String session = client.sessionId();
        server.session(session).setUserId("ann");
        String firstSocket = client.socketId();
        client.reconnect();
        assertThat(client.sessionId()).isEqualTo(session);
        assertThat(client.socketId()).isNotEqualTo(firstSocket);
        assertThat(client.call("echo", Map.of())).hasJson("{\"echo\":{},\"user\":\"ann\"}");
    }

    @Test
    void secondTabSharesTheSession() {
        server = TestServer.start(new EchoService());
        TestClient tab1 = server.client();
        TestClient tab2 = server.client(tab1.sessionId());
        assertThat(tab2.sessionId()).isEqualTo(tab1.sessionId());
        assertThat(server.connections().socketsOfSession(tab1.sessionId()))
                .containsExactlyInAnyOrder(tab1.socketId(), tab2.socketId());
    }

    @Test
    void middlewareCanDropMessages() {
        server = TestServer.builder()
                .service(new EchoService())
                .configure(b -> b.middleware((IncomingMessage message, dev.rts.core.MiddlewareChain chain) -> {
                    if (!message.payload().contains("secret")) {
                        chain.next(message);
                    }
                }))
                .start();
        TestClient client = server.client();
        client.send("echo", Map.of("shout", "secret"));
        assertThat(client.call("echo", Map.of("shout", "public"))).hasJson(
                "{\"echo\":{\"shout\":\"public\"},\"user\":\"nobody\"}");
        // The dropped message would have broadcast before the second call was answered: only "public" came.
        assertThat(client.nextMessage("echo")).hasText("{\"shout\":\"public\"}");
        client.assertNoMoreMessages();
    }

    @Test
    void errorFrameOnBadInput() {
        server = TestServer.start(new EchoService());
        TestClient client = server.client();
        assertThat(client.callError("echo", Map.of("fail", "this"))).isEqualTo("Cannot echo this");
        assertThat(client.callError("echo", "not an object")).isEqualTo("Expected a JSON object but found a string at "
                + "line 1 column 2");
        assertThat(client.call("echo", Map.of("ok", true))).hasJson(
                "{\"echo\":{\"ok\":true},\"user\":\"nobody\"}");
    }

    @Test
    void awaitTimeoutFailureListsWhatWasReceived() {
        server = TestServer.builder().service(new EchoService()).timeout(Duration.ofMillis(200)).start();
        TestClient client = server.client();
        client.call("echo", Map.of("shout", "one"));
        client.nextMessage("echo");
        client.call("echo", Map.of("shout", "two"));
        assertThatThrownBy(() -> client.nextMessage("other"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected a message from 'other' within PT0.2S but none arrived; received so far: "
                        + "[echo: {\"shout\":\"one\"}, echo: {\"shout\":\"two\"}]");
    }

    @Test
    void oversizedFrameClosesTheConnectionAsASocketWould() {
        server = TestServer.builder().service(new EchoService()).configure(b -> b.maxFrameSize(1024)).start();
        TestClient client = server.client();
        assertThat(client.callError("echo", Map.of("big", "x".repeat(2000))))
                .isEqualTo("Connection closed before a reply (code 1009, Message too big (limit 1024 bytes))");
    }

    /** Says hello from its connect listener, which runs before the client has discovered the service ids. */
    static final class Greeter implements dev.rts.api.Service {
        @Override
        public String name() {
            return "greeter";
        }

        @Override
        public Object start(dev.rts.api.ServiceContext ctx) {
            ctx.onConnect(event -> ctx.send(event.socketId(), "hello " + event.sessionId().substring(0, 4)));
            return null;
        }
    }

    @Test
    void pushesFromConnectListenersAreNotLost() {
        server = TestServer.start(new EchoService(), new Greeter());
        TestClient client = server.client();
        assertThat(client.nextMessage("greeter")).hasText("hello " + client.sessionId().substring(0, 4));
        client.reconnect();
        assertThat(client.nextMessage("greeter")).hasText("hello " + client.sessionId().substring(0, 4));
    }

    @Test
    void realWebSocketSwitchRunsTheSameTestOverUndertow() {
        server = TestServer.builder().service(new EchoService()).realWebSocket(true).start();
        TestClient a = server.client();
        TestClient b = server.client();
        assertThat(a.call("echo", Map.of("shout", "over tcp"))).hasJson(
                "{\"echo\":{\"shout\":\"over tcp\"},\"user\":\"nobody\"}");
        assertThat(b.nextMessage("echo")).hasText("{\"shout\":\"over tcp\"}");
        assertThatThrownBy(a::socketId).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("socketId() is known only in memory mode");
    }
}
