package dev.rts.livereload.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher against real files. Each test ends by checking that no further action arrives within two throttle
 * windows (a root check plus a burst; unless the watch thread is gone) and that nothing unexpected was logged.
 *
 * <p>The throttle stays at 200 ms although it sets the pace of the whole class: the changes a test makes must land in
 * one burst even when a loaded machine pauses the test thread between two file operations, and every test would see
 * such a split as an extra action.
 */
@Timeout(30)
class DirectoryWatcherTest {

    static final Duration THROTTLE = Duration.ofMillis(200);
    private static final long AWAIT_MS = 5_000;
    private static final long QUIET_MS = 2 * THROTTLE.toMillis();

    @TempDir
    Path tmp;

    private final LinkedBlockingQueue<Action> actions = new LinkedBlockingQueue<>();
    private final RecordingLogger log = new RecordingLogger();
    private DirectoryWatcher watcher;
    /** Whether the last wait was {@link #assertNoMoreActions()}, so that a second quiet window would add nothing. */
    private boolean quietChecked;

    @AfterEach
    void noUnexpectedActionsOrLogLines() throws InterruptedException {
        try {
            // Skipped when the test ended with this very check, or when no thread is left that could send anything.
            if (!quietChecked && !watcherThreads().isEmpty()) {
                assertNoMoreActions();
            }
            log.assertNoMoreLines();
        } finally {
            if (watcher != null) {
                watcher.close();
            }
        }
    }

    @Test
    void scriptChangeSendsOneReload() throws Exception {
        Path client = dir("client");
        Files.writeString(client.resolve("app.js"), "1");
        start(client);

        Files.writeString(client.resolve("app.js"), "2");

        assertThat(nextAction()).isEqualTo(Action.RELOAD);
    }

    @Test
    void stylesheetChangeSendsOneUpdateCss() throws Exception {
        Path client = dir("client");
        start(client);

        Files.writeString(client.resolve("style.css"), "body {}");

        assertThat(nextAction()).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void stylesheetAndScriptChangedTogetherSendOneReload() throws Exception {
        Path client = dir("client");
        start(client);

        Files.writeString(client.resolve("style.less"), "a {}");
        Files.writeString(client.resolve("index.html"), "<p>");

        assertThat(nextAction()).isEqualTo(Action.RELOAD);
    }

    @Test
    void burstOf200FilesSendsExactlyOneAction() throws Exception {
        Path client = dir("client");
        start(client);

        for (int i = 0; i < 100; i++) {
            Files.writeString(client.resolve("s" + i + ".css"), "a {}");
            Files.writeString(client.resolve("m" + i + ".js"), "x");
        }

        assertThat(nextAction()).isEqualTo(Action.RELOAD);
        assertNoMoreActions();
    }

    @Test
    void ignoredFilesSendNothing() throws Exception {
        Path client = dir("client");
        Path git = dir("client/.git");
        start(client);

        for (String name : List.of(".hidden", "app.js~", "app.js.swp", "app.js.swx", "4913", "#app.js#")) {
            Files.writeString(client.resolve(name), "x");
        }
        Files.writeString(git.resolve("HEAD"), "ref");

        assertNoMoreActions();
    }

    @Test
    void editorSaveThatRenamesAndRewritesAStylesheetUpdatesCss() throws Exception {
        Path client = dir("client");
        Path css = Files.writeString(client.resolve("style.css"), "a {}");
        start(client);

        // What vim does with 'nowritebackup' off: move the original aside, write anew, delete the backup.
        Path backup = Files.move(css, client.resolve("style.css~"), StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(css, "a { color: red }");
        Files.delete(backup);

        assertThat(nextAction()).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void deletedScriptReloads() throws Exception {
        Path client = dir("client");
        Path js = Files.writeString(client.resolve("app.js"), "1");
        start(client);

        Files.delete(js);

        assertThat(nextAction()).isEqualTo(Action.RELOAD);
    }

    @Test
    void newSubdirectoryIsWatched() throws Exception {
        Path client = dir("client");
        start(client);

        Path sub = Files.createDirectory(client.resolve("sub"));
        assertThat(nextAction()).isEqualTo(Action.RELOAD);

        Files.writeString(sub.resolve("style.css"), "a {}");
        assertThat(nextAction()).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void nestedDirectoriesCreatedAtOnceAreAllWatched() throws Exception {
        Path client = dir("client");
        start(client);

        Path deep = Files.createDirectories(client.resolve("a/b/c"));
        Files.writeString(deep.resolve("app.js"), "1");
        assertThat(nextAction()).isEqualTo(Action.RELOAD);

        Files.writeString(deep.resolve("style.css"), "a {}");
        assertThat(nextAction()).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void deletedAndRecreatedSubdirectoryKeepsWorking() throws Exception {
        Path client = dir("client");
        Path sub = dir("client/sub");
        Files.writeString(sub.resolve("app.js"), "1");
        start(client);

        deleteTree(sub);
        assertThat(nextAction()).isEqualTo(Action.RELOAD);
        Files.createDirectory(sub);
        assertThat(nextAction()).isEqualTo(Action.RELOAD);

        Files.writeString(sub.resolve("style.css"), "a {}");
        assertThat(nextAction()).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void subdirectoryDeletedAndRecreatedAtOnceKeepsWorking() throws Exception {
        Path client = dir("client");
        Path sub = dir("client/sub");
        Files.writeString(sub.resolve("app.js"), "1");
        start(client);

        deleteTree(sub);
        Files.createDirectory(sub);
        assertThat(nextAction()).isEqualTo(Action.RELOAD);

        Files.writeString(sub.resolve("style.css"), "a {}");
        assertThat(nextAction()).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void deletedAndRecreatedRootKeepsWorking() throws Exception {
        Path client = dir("client");
        Files.writeString(client.resolve("app.js"), "1");
        start(client);

        deleteTree(client);
        assertThat(nextAction()).isEqualTo(Action.RELOAD);
        assertThat(log.nextLine()).isEqualTo("INFO Live reload directory '" + client
                + "' was deleted; it will be watched again once it is recreated");

        Files.createDirectory(client);
        assertThat(nextAction()).isEqualTo(Action.RELOAD);
        assertThat(log.nextLine()).isEqualTo("INFO Live reload directory '" + client + "' appeared; watching it");

        Files.writeString(client.resolve("style.css"), "a {}");
        assertThat(nextAction()).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void rootReplacedByAnotherDirectoryKeepsWorking() throws Exception {
        Path client = dir("client");
        Path fresh = dir("fresh");
        start(client);

        // What some build tools do: build elsewhere, then swap the directories.
        Files.move(client, tmp.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, client, StandardCopyOption.ATOMIC_MOVE);
        assertThat(nextAction()).isEqualTo(Action.RELOAD);

        Files.writeString(client.resolve("style.css"), "a {}");
        assertThat(nextAction()).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void missingRootIsWatchedOnceCreated() throws Exception {
        Path client = tmp.resolve("client");
        start(client);
        assertThat(log.nextLine()).isEqualTo("WARN Live reload directory '" + client
                + "' (option 'dirs') does not exist; it will be watched once it is created");

        Files.createDirectory(client);
        assertThat(nextAction()).isEqualTo(Action.RELOAD);
        assertThat(log.nextLine()).isEqualTo("INFO Live reload directory '" + client + "' appeared; watching it");

        Files.writeString(client.resolve("app.js"), "1");
        assertThat(nextAction()).isEqualTo(Action.RELOAD);
    }

    @Test
    void severalRootsShareOneThread() throws Exception {
        Path a = dir("a");
        Path b = dir("b");
        start(a, b);

        assertThat(watcherThreads()).hasSize(1);
        Files.writeString(a.resolve("x.css"), "a {}");
        assertThat(nextAction()).isEqualTo(Action.UPDATE_CSS);
        Files.writeString(b.resolve("x.js"), "1");
        assertThat(nextAction()).isEqualTo(Action.RELOAD);
    }

    @Test
    void failingSinkIsLoggedAndWatchingGoesOn() throws Exception {
        Path client = dir("client");
        boolean[] failed = {false};
        start(List.of(client), action -> {
            if (!failed[0]) {
                failed[0] = true;
                throw new IllegalStateException("socket gone");
            }
            actions.add(action);
        });

        Files.writeString(client.resolve("app.js"), "1");
        assertThat(log.nextLine()).isEqualTo("WARN Live reload could not send 'reload'");

        Files.writeString(client.resolve("app.js"), "2");
        assertThat(nextAction()).isEqualTo(Action.RELOAD);
    }

    @Test
    void closeEndsTheThread() throws Exception {
        Path client = dir("client");
        start(client);
        assertThat(watcherThreads()).hasSize(1);

        watcher.close();

        assertThat(watcherThreads()).isEmpty();
        Files.writeString(client.resolve("app.js"), "1");
    }

    static List<Thread> watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(DirectoryWatcher.THREAD_NAME) && t.isAlive())
                .toList();
    }

    private void start(Path... roots) {
        start(List.of(roots), actions::add);
    }

    private void start(List<Path> roots, Consumer<Action> sink) {
        PathFilter filter = new PathFilter(PathFilter.DEFAULT_IGNORE, PathFilter.DEFAULT_CSS_EXTENSIONS);
        watcher = new DirectoryWatcher(roots, filter, THROTTLE, sink, log);
        watcher.start();
    }

    private Path dir(String relative) throws IOException {
        return Files.createDirectories(tmp.resolve(relative));
    }

    private Action nextAction() throws InterruptedException {
        quietChecked = false;
        Action action = actions.poll(AWAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(action).as("action within %d ms", AWAIT_MS).isNotNull();
        return action;
    }

    private void assertNoMoreActions() throws InterruptedException {
        assertThat(actions.poll(QUIET_MS, TimeUnit.MILLISECONDS)).as("unexpected action").isNull();
        quietChecked = true;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
