package dev.rts.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.client.RtsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload in the example without a browser: the discovered rts-livereload watches the folder the page is served
 * from in development, and nothing in production. A JVM client listens where the page's script would.
 */
@Timeout(30)
class ExampleLiveReloadTest {

    private static final Duration THROTTLE = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Five throttle windows: ample for a message that would come if the folder were watched. */
    private static final Duration QUIET = THROTTLE.multipliedBy(5);

    @TempDir
    Path client;

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private ExampleApp app;
    private RtsClient page;

    @BeforeEach
    void copyThePage() throws IOException {
        ExamplePage.copyTo(client);
    }

    @AfterEach
    void stop() throws InterruptedException {
        try {
            assertThat(messages.poll(0, TimeUnit.MILLISECONDS)).as("unexpected live reload message").isNull();
        } finally {
            if (page != null) {
                page.close();
            }
            if (app != null) {
                app.stop();
            }
        }
    }

    @Test
    void developmentWatchesTheFolderThePageIsServedFrom() throws Exception {
        start(false);
        assertThat(app.clientDirectory()).isEqualTo(client);

        Files.writeString(client.resolve("style.css"), "\nh1 { color: red; }\n", StandardOpenOption.APPEND);
        assertThat(nextMessage()).isEqualTo("updateCSS");

        Files.writeString(client.resolve("app.js"), "\n// edited\n", StandardOpenOption.APPEND);
        assertThat(nextMessage()).isEqualTo("reload");
    }

    @Test
    void productionWatchesNothingAndListsNoLiveReload() throws Exception {
        start(true);

        Files.writeString(client.resolve("style.css"), "\nh1 { color: red; }\n", StandardOpenOption.APPEND);
        Files.writeString(client.resolve("index.html"), "<p>edited</p>", StandardOpenOption.APPEND);

        assertThat(messages.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("a message in production").isNull();
    }

    /** Starts the app on the copy and connects a client that records what live reload sends. */
    private void start(boolean production) throws Exception {
        app = ExampleApp.start(new ExampleOptions("127.0.0.1", 0, production, client,
                production ? List.of("https://demo.example") : List.of()), settings -> settings.throttle(THROTTLE));
        page = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + app.port() + "/")).reconnect(false).build();
        page.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (production) {
            // Off in production, and then not listed to pages at all.
            assertThat(page.services()).contains("demo").doesNotContain("livereload");
        } else {
            assertThat(page.services()).contains("demo", "livereload");
            page.service("livereload").onMessage(message -> messages.add(message.text()));
        }
    }

    private String nextMessage() throws InterruptedException {
        String message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message).as("a live reload message within %s", WAIT).isNotNull();
        return message;
    }
}
