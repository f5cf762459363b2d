package dev.rts.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo service and the page's HTTP side through the real server, with the testkit's client sending raw frames over
 * a real WebSocket. The demo is mounted explicitly and first, so its wire id is 1.
 */
@Timeout(30)
class DemoServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ExampleApp app;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        // Production mode: error frames carry no stack trace, so they can be compared whole.
        app = ExampleApp.start(new ExampleOptions("127.0.0.1", 0, true, null, List.of("https://demo.example")));
    }

    @AfterEach
    void stop() {
        for (TestClient client : clients) {
            client.assertNoMoreFrames();
            client.close();
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
    void echoRepliesWithTheText() {
        TestClient client = connect();
        client.sendFrame("1|1|{\"c\":\"echo\",\"text\":\"a|b\"}");
        assertThat(client.nextFrame().frame()).isEqualTo("1|1|{\"echo\":\"a|b\"}");
    }

    @Test
    void badMessagesGetClearErrorsAndTheConnectionStaysOpen() {
        TestClient client = connect();
        assertError(client, "{\"c\":\"echo\",\"text\":\"" + "x".repeat(501) + "\"}",
                "Demo 'text' must be at most 500 characters but was 501");
        assertError(client, "{\"c\":\"echo\"}", "Demo 'echo' needs a string 'text' but got none");
        assertError(client, "{\"c\":\"echo\",\"text\":5}", "Demo 'echo' needs a string 'text' but was 5");
        assertError(client, "{\"c\":\"say\"}", "Unknown demo command 'say'; expected 'echo'");
        assertError(client, "{}", "A demo message needs a command \\\"c\\\": 'echo'");
        assertError(client, "[1]", "A demo message must be a JSON object such as {\\\"c\\\":\\\"echo\\\","
                + "\\\"text\\\":\\\"hi\\\"} but was [1]");

        client.sendFrame("1|9|{\"c\":\"echo\",\"text\":\"ok\"}");
        assertThat(client.nextFrame().frame()).isEqualTo("1|9|{\"echo\":\"ok\"}");
    }

    private void assertError(TestClient client, String payload, String message) {
        client.sendFrame("1|2|" + payload);
        assertThat(client.nextFrame().frame()).isEqualTo("0||{\"type\":\"error\",\"message\":\"" + message + "\",\"service\":"
                + "\"demo\",\"serviceId\":1,\"callbackId\":2}");
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + app.port() + path);
    }

    private TestClient connect() {
        TestClient client = TestClient.connect(uri("ws", "/"), WAIT);
        clients.add(client);
        return client;
    }
}
