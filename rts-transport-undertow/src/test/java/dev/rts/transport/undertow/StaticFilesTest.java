package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.core.RtsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class StaticFilesTest {

    @TempDir
    Path root;

    private RtsServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Path site = Files.createDirectory(root.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>home</h1>");
        Files.writeString(site.resolve("app.js"), "console.log(1)");
        Files.writeString(root.resolve("secret.txt"), "do not serve");
        server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0).staticDirectory(site)
                .service(new TestServices.Echo()).build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesFilesAndTheWelcomePageAlwaysRevalidated() throws Exception {
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).isEqualTo("<h1>home</h1>");
        HttpResponse<String> script = get("/app.js");
        assertThat(script.body()).isEqualTo("console.log(1)");
        assertThat(script.headers().firstValue("cache-control")).hasValue("no-cache");
    }

    @Test
    void missingFilesAndPathsOutsideTheDirectoryAreNotFound() throws Exception {
        assertThat(get("/nope.html").statusCode()).isEqualTo(404);
        assertThat(get("/../secret.txt").statusCode()).isEqualTo(404);
        assertThat(get("/%2e%2e/secret.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void theSocketStillUpgradesAtTheSamePath() {
        TestSocket socket = TestSocket.connected(server.port());
        socket.send("1|1|\"beside the files\"");
        assertThat(socket.next()).isEqualTo("1|1|{\"echo\":\"beside the files\"}");
        socket.abort();
    }
}
