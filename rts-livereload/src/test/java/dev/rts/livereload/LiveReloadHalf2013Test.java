package dev.rts.livereload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.NodeScript;
import dev.rts.testkit.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser half in a client with only the 2013 service contract (no {@code status}, {@code onerror} or
 * {@code api}), against a real server, run by Node: 'updateCSS' refetches the page's same-origin stylesheets and
 * 'reload' reloads the page. Skipped where Node is missing, outside CI.
 */
@Timeout(90)
class LiveReloadHalf2013Test {

    @Test
    void theHalfReactsToReloadAndCssInAClientWithOnlyThe2013Contract(@TempDir Path client) {
        try (TestServer server = TestServer.builder().realWebSocket(true)
                .service(LiveReload.builder().dirs(client).build()).start();
             NodeScript node = NodeScript.start(server, LiveReloadHalf2013Test.class.getResource(
                     "livereload-2013.mjs"))) {
            LiveReload liveReload = server.api().get("livereload", LiveReload.class);
            node.awaitLine("READY");
            assertThat(liveReload.updateCss()).isEqualTo(1);
            assertThat(liveReload.reload()).isEqualTo(1);
            assertThat(node.result()).isEqualTo("{\"reloads\":1,"
                    + "\"links\":[\"http://127.0.0.1/app.css?_rts=<stamp>\",\"https://cdn.example/lib.css\"]}");
        }
    }
}
