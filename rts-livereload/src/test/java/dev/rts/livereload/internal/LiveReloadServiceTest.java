package dev.rts.livereload.internal;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.ServiceOptions;
import dev.rts.livereload.LiveReload;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service in the real server core through rts-testkit: file changes and explicit triggers reach connected clients
 * as the raw messages its browser half understands. What it logs is checked in {@link LiveReloadServiceLogTest}.
 */
@Timeout(30)
class LiveReloadServiceTest {

    private static final String NAME = LiveReloadService.NAME;
    /** Nothing a watcher would send can take longer than a root check plus a throttle window. */
    private static final Duration QUIET = DirectoryWatcherTest.THROTTLE.multipliedBy(2);

    @TempDir
    Path client;

    private final List<TestClient> browsers = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void noUnreadMessagesAndNoWatchThreadLeft() {
        try {
            browsers.forEach(TestClient::assertNoMoreMessages);
        } finally {
            if (server != null) {
                server.stop();
            }
        }
        assertThat(DirectoryWatcherTest.watcherThreads()).as("watch threads after the server stopped").isEmpty();
    }

    @Test
    void scriptChangeReachesEveryClientAsReload() throws IOException {
        start(Map.of());
        TestClient ann = browser();
        TestClient bob = browser();

        Files.writeString(client.resolve("app.js"), "1");

        assertThat(ann.nextMessage(NAME)).hasText("reload");
        assertThat(bob.nextMessage(NAME)).hasText("reload");
    }

    @Test
    void stylesheetChangeReachesClientsAsUpdateCss() throws IOException {
        start(Map.of());
        TestClient browser = browser();

        Files.writeString(client.resolve("theme.scss"), "a {}");

        assertThat(browser.nextMessage(NAME)).hasText("updateCSS");
    }

    @Test
    void cssExtensionsOptionDecidesWhatIsAStylesheet() throws IOException {
        start(Map.of("cssExtensions", List.of("pcss")));
        TestClient browser = browser();

        Files.writeString(client.resolve("theme.pcss"), "a {}");
        assertThat(browser.nextMessage(NAME)).hasText("updateCSS");

        Files.writeString(client.resolve("theme.css"), "a {}");
        assertThat(browser.nextMessage(NAME)).hasText("reload");
    }

    @Test
    void explicitTriggersReachEveryClientAtOnceUnthrottled() {
        // An hour-long throttle: the messages can only arrive within the testkit's timeout if they skip it.
        start(Map.of("throttle", Duration.ofHours(1)));
        TestClient ann = browser();
        TestClient bob = browser();
        LiveReload api = server.api().get(NAME, LiveReload.class);

        assertThat(api.reload()).isEqualTo(2);
        assertThat(ann.nextMessage(NAME)).hasText("reload");
        assertThat(bob.nextMessage(NAME)).hasText("reload");

        assertThat(api.updateCss()).isEqualTo(2);
        assertThat(ann.nextMessage(NAME)).hasText("updateCSS");
        assertThat(bob.nextMessage(NAME)).hasText("updateCSS");
    }

    @Test
    void productionSendsNothingAndIsNotListedToBrowsers() throws IOException {
        server = TestServer.builder()
                .service(NAME, withSettings(Map.of()), Map.of())
                .configure(b -> b.production(true))
                .start();
        TestClient browser = browser();
        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();

        Files.writeString(client.resolve("app.js"), "1");
        Files.writeString(client.resolve("style.css"), "a {}");
        browser.assertNoMessageWithin(NAME, QUIET);

        assertThat(server.api().get(NAME, LiveReload.class).reload()).isZero();
        assertThat(browser.rtsClient().services()).doesNotContain(NAME);
    }

    @Test
    void enabledTrueWatchesEvenInProduction() throws IOException {
        server = TestServer.builder()
                .service(NAME, withSettings(Map.of("enabled", true)), Map.of())
                .configure(b -> b.production(true))
                .start();
        TestClient browser = browser();

        Files.writeString(client.resolve("app.js"), "1");

        assertThat(browser.nextMessage(NAME)).hasText("reload");
    }

    @Test
    void stoppingTheServerEndsTheWatchThreadAndLaterTriggersSendNothing() {
        start(Map.of());
        browser();
        LiveReload api = server.api().get(NAME, LiveReload.class);
        assertThat(DirectoryWatcherTest.watcherThreads()).hasSize(1);

        server.stop();

        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
        assertThat(api.reload()).isZero();
        assertThat(api.updateCss()).isZero();
    }

    @Test
    void anOptionsMapStopsTheServerFromStartingAndNamesTheBuilder() {
        TestServer.Builder builder = TestServer.builder()
                .service(NAME, new LiveReloadService(), Map.of("throttle", "fast"));

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Service 'livereload' (dev.rts.livereload.internal.LiveReloadService) failed to start: "
                        + "Live reload takes no options map but was given [throttle]; configure it with "
                        + "LiveReload.builder().dirs(...).throttle(...).build() and mount that service");
        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
    }

    @Test
    void builderChecksEachSettingWhenSet() {
        LiveReload.Builder builder = LiveReload.builder();

        assertThatThrownBy(() -> builder.throttle(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LiveReload throttle must be a positive duration but was 0 ms");
        assertThatThrownBy(() -> builder.dirs()).hasMessage("LiveReload dirs must name at least one directory but "
                + "was []");
        assertThatThrownBy(() -> builder.ignore(List.of("*.tmp", " "))).hasMessage("LiveReload ignore must be "
                + "non-blank strings but was [*.tmp,  ]");
    }

    @Test
    void builtServiceWatchesWhatTheBuilderSays() throws IOException {
        server = TestServer.start(LiveReload.builder().dirs(client).throttle(DirectoryWatcherTest.THROTTLE)
                .ignore(List.of("*.tmp")).build());
        TestClient browser = browser();

        Files.writeString(client.resolve("scratch.tmp"), "1");
        Files.writeString(client.resolve("style.css"), "a {}");

        assertThat(browser.nextMessage(NAME)).hasText("updateCSS");
    }

    @Test
    void oneInstanceMountedTwiceRefusesToStartTheSecondMount() {
        LiveReloadService service = withSettings(Map.of());
        TestServer.Builder builder = TestServer.builder()
                .service(NAME, service, Map.of())
                .service("livereload2", service, Map.of());

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Service 'livereload2' (dev.rts.livereload.internal.LiveReloadService) failed to start: "
                        + "Service 'livereload2' was already started");
        // The first mount had started watching; the failed startup stopped it again.
        assertThat(DirectoryWatcherTest.watcherThreads()).isEmpty();
    }

    private void start(Map<String, Object> extra) {
        server = TestServer.builder().service(NAME, withSettings(extra), Map.of()).start();
    }

    private LiveReloadService withSettings(Map<String, Object> extra) {
        return new LiveReloadService(ServiceOptions.of(options(extra)));
    }

    /** Watches the temp folder with the watcher tests' throttle; {@code extra} adds or replaces options. */
    private Map<String, Object> options(Map<String, Object> extra) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("dirs", List.of(client.toString()));
        options.put("throttle", DirectoryWatcherTest.THROTTLE);
        options.putAll(extra);
        return options;
    }

    private TestClient browser() {
        TestClient browser = server.client();
        browsers.add(browser);
        return browser;
    }
}
