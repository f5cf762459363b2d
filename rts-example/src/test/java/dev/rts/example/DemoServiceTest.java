package dev.rts.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo service and the page's HTTP side through the real server, with the JDK's WebSocket as the client. The demo
 * is mounted explicitly and first, so its wire id is 1.
 */
@Timeout(30)
class DemoServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ExampleApp app;
    private final List<Client> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        // Production mode: error frames carry no stack trace, so they can be compared whole.
        app = ExampleApp.start(new ExampleOptions("127.0.0.1", 0, true, null, List.of("https://demo.example")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Client client : clients) {
            client.assertNoMoreFrames();
            client.socket.abort();
        }
        app.stop();
    }

    @Test
    void servesThePageAndTheClientBundle() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("http", "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/rts/client.js\"></script>", "id=\"answer\"",
                "id=\"messages\"", "id=\"square-result\"");

        HttpResponse<String> bundle = http.send(HttpRequest.newBuilder(uri("http", "/rts/client.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).contains("\"name\":\"demo\"", "echo(text, cb)", "\"name\":\"rpc\"",
                "\"name\":\"pubsub\"");
        assertThat(app.clientDirectory()).endsWith(java.nio.file.Path.of("rts-example", "client"));
    }

    @Test
    void echoRepliesWithTheText() throws InterruptedException {
        Client client = connect();
        client.send("1|1|{\"c\":\"echo\",\"text\":\"a|b\"}");
        assertThat(client.next()).isEqualTo("1|1|{\"echo\":\"a|b\"}");
    }

    @Test
    void badMessagesGetClearErrorsAndTheConnectionStaysOpen() throws InterruptedException {
        Client client = connect();
        assertError(client, "{\"c\":\"echo\",\"text\":\"" + "x".repeat(501) + "\"}",
                "Demo 'text' must be at most 500 characters but was 501");
        assertError(client, "{\"c\":\"echo\"}", "Demo 'echo' needs a string 'text' but got none");
        assertError(client, "{\"c\":\"echo\",\"text\":5}", "Demo 'echo' needs a string 'text' but was 5");
        assertError(client, "{\"c\":\"say\"}", "Unknown demo command 'say'; expected 'echo'");
        assertError(client, "{}", "A demo message needs a command \\\"c\\\": 'echo'");
        assertError(client, "[1]", "A demo message must be a JSON object such as {\\\"c\\\":\\\"echo\\\","
                + "\\\"text\\\":\\\"hi\\\"} but was [1]");

        client.send("1|9|{\"c\":\"echo\",\"text\":\"ok\"}");
        assertThat(client.next()).isEqualTo("1|9|{\"echo\":\"ok\"}");
    }

    private void assertError(Client client, String payload, String message) throws InterruptedException {
        client.send("1|2|" + payload);
        assertThat(client.next()).isEqualTo("0||{\"type\":\"error\",\"message\":\"" + message + "\",\"service\":"
                + "\"demo\",\"serviceId\":1,\"callbackId\":2}");
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + app.port() + path);
    }

    private Client connect() throws InterruptedException {
        Client client = new Client(uri("ws", "/"));
        clients.add(client);
        client.send("0|1|{\"c\":\"connect\",\"v\":\"0.1.0\",\"sessionId\":false}");
        assertThat(client.next()).startsWith("0|1|{\"version\":");
        return client;
    }

    /** A WebSocket that records whole text frames in a queue. */
    private static final class Client implements WebSocket.Listener {
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Client(URI uri) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).join();
        }

        void send(String frame) {
            socket.sendText(frame, true).join();
        }

        String next() throws InterruptedException {
            String frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within %s", WAIT).isNotNull();
            return frame;
        }

        void assertNoMoreFrames() throws InterruptedException {
            assertThat(frames.poll(50, TimeUnit.MILLISECONDS)).as("unexpected frame").isNull();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
