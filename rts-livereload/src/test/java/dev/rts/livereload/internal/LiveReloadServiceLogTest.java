package dev.rts.livereload.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.ServiceOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact lines the service logs at startup. A server started by rts-testkit logs through SLF4J, which a test cannot
 * read, so these start the service on a {@link FakeServiceContext} with a {@link RecordingLogger}.
 */
@Timeout(10)
class LiveReloadServiceLogTest {

    @TempDir
    Path client;

    private LiveReloadService service = new LiveReloadService();
    private FakeServiceContext context;

    @AfterEach
    void noOtherLinesAndNoWatchThreadLeft() {
        try {
            context.logger.assertNoMoreLines();
        } finally {
            service.stop();
        }
        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
    }

    @Test
    void startupSaysWhatIsWatched() throws InterruptedException {
        start(Map.of(), false);

        assertThat(context.logger.nextLine()).isEqualTo("INFO Live reload watching [" + client + "] (throttle 200 ms, "
                + "stylesheets [css, styl, less, sass, scss])");
        assertThat(DirectoryWatcherTest.watcherThreads()).hasSize(1);
    }

    @Test
    void productionSaysWatchingIsOffAndStartsNoThread() throws InterruptedException {
        start(Map.of(), true);

        assertThat(context.logger.nextLine())
                .isEqualTo("INFO Live reload is off (production mode); build it with LiveReload.builder().enabled(true) to watch "
                        + "files");
        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
    }

    @Test
    void enabledFalseSaysWhyWatchingIsOffAndStartsNoThread() throws InterruptedException {
        start(Map.of("enabled", false), false);

        assertThat(context.logger.nextLine()).isEqualTo(
                "INFO Live reload is off (enabled(false)); build it with LiveReload.builder().enabled(true) to watch files");
        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
    }

    private void start(Map<String, Object> extra, boolean production) {
        Map<String, Object> options = new LinkedHashMap<>(Map.of("dirs", List.of(client.toString()),
                "throttle", DirectoryWatcherTest.THROTTLE));
        options.putAll(extra);
        service = new LiveReloadService(ServiceOptions.of(options));
        context = new FakeServiceContext(ServiceOptions.empty(), production);
        service.start(context);
    }
}
