package dev.rts.livereload.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.ServiceOptions;
import dev.rts.livereload.LiveReload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class LiveReloadServiceTest {

    private static final long AWAIT_MS = 5_000;
    private static final long QUIET_MS = 400;

    @TempDir
    Path client;

    private final LiveReloadService service = new LiveReloadService();
    private FakeServiceContext context;

    @AfterEach
    void noUnexpectedBroadcastsOrLogLines() throws InterruptedException {
        try {
            assertThat(context.broadcasts.poll(QUIET_MS, TimeUnit.MILLISECONDS)).as("unexpected broadcast").isNull();
            context.logger.assertNoMoreLines();
        } finally {
            service.stop();
        }
        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
    }

    @Test
    void scriptChangeBroadcastsReload() throws Exception {
        start(Map.of());

        Files.writeString(client.resolve("app.js"), "1");

        assertThat(nextBroadcast()).isEqualTo("reload");
    }

    @Test
    void stylesheetChangeBroadcastsUpdateCss() throws Exception {
        start(Map.of());

        Files.writeString(client.resolve("theme.scss"), "a {}");

        assertThat(nextBroadcast()).isEqualTo("updateCSS");
    }

    @Test
    void cssExtensionsOptionDecidesWhatIsAStylesheet() throws Exception {
        start(Map.of("cssExtensions", List.of("pcss")));

        Files.writeString(client.resolve("theme.pcss"), "a {}");
        assertThat(nextBroadcast()).isEqualTo("updateCSS");

        Files.writeString(client.resolve("theme.css"), "a {}");
        assertThat(nextBroadcast()).isEqualTo("reload");
    }

    @Test
    void explicitTriggersAreSentAtOnceUnthrottled() {
        LiveReload api = start(Map.of("throttle", Duration.ofHours(1)));

        assertThat(api.reload()).isEqualTo(1);
        assertThat(context.broadcasts.poll()).isEqualTo("reload");
        assertThat(api.updateCss()).isEqualTo(1);
        assertThat(context.broadcasts.poll()).isEqualTo("updateCSS");
    }

    @Test
    void productionStartsNoThreadButExplicitTriggersWork() throws Exception {
        context = new FakeServiceContext(ServiceOptions.of(Map.of("dirs", client.toString())), true);
        LiveReload api = service.start(context);

        assertThat(context.logger.nextLine())
                .isEqualTo("INFO Live reload is off (production mode); set option 'enabled' to true to watch files");
        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
        Files.writeString(client.resolve("app.js"), "1");
        assertThat(api.reload()).isEqualTo(1);
        assertThat(context.broadcasts.poll()).isEqualTo("reload");
    }

    @Test
    void enabledFalseStartsNoThread() throws Exception {
        context = new FakeServiceContext(ServiceOptions.of(Map.of("dirs", client.toString(), "enabled", false)),
                false);
        service.start(context);

        assertThat(context.logger.nextLine()).isEqualTo(
                "INFO Live reload is off (option 'enabled' is false); set option 'enabled' to true to watch files");
        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
        Files.writeString(client.resolve("app.js"), "1");
    }

    @Test
    void enabledTrueWatchesEvenInProduction() throws Exception {
        context = new FakeServiceContext(ServiceOptions.of(Map.of("dirs", client.toString(), "enabled", true,
                "throttle", 200)), true);
        service.start(context);
        context.logger.nextLine();

        Files.writeString(client.resolve("app.js"), "1");

        assertThat(nextBroadcast()).isEqualTo("reload");
    }

    @Test
    void stopEndsTheWatchThread() {
        start(Map.of());
        assertThat(DirectoryWatcherTest.watcherThreads()).hasSize(1);

        service.stop();

        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
    }

    @Test
    void unknownOptionsAreReportedWithTheKnownOnes() {
        start(Map.of("dir", "web"), "WARN Live reload ignores unknown options [dir]; known options are "
                + "[cssExtensions, dirs, enabled, ignore, throttle]");
    }

    @Test
    void invalidOptionRefusesToStart() {
        context = new FakeServiceContext(ServiceOptions.of(Map.of("throttle", "fast")), false);

        assertThatThrownBy(() -> service.start(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option 'throttle' must be a Duration or milliseconds but was String 'fast'");
        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
    }

    @Test
    void startingTwiceIsRejected() {
        start(Map.of());

        assertThatThrownBy(() -> service.start(context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Service 'livereload' was already started");
    }

    private LiveReload start(Map<String, Object> extra, String... linesBeforeStartup) {
        Map<String, Object> options = new java.util.LinkedHashMap<>(Map.of("dirs", List.of(client.toString()),
                "throttle", 200));
        options.putAll(extra);
        context = new FakeServiceContext(ServiceOptions.of(options), false);
        LiveReload api = service.start(context);
        try {
            for (String line : linesBeforeStartup) {
                assertThat(context.logger.nextLine()).isEqualTo(line);
            }
            assertThat(context.logger.nextLine()).startsWith("INFO Live reload watching [" + client + "] (throttle ");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return api;
    }

    private Object nextBroadcast() throws InterruptedException {
        Object message = context.broadcasts.poll(AWAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(message).as("broadcast within %d ms", AWAIT_MS).isNotNull();
        return message;
    }
}
