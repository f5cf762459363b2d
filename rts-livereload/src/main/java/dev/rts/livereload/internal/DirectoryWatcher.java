package dev.rts.livereload.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Watches directory trees with one {@link WatchService} and one daemon thread, and reports each burst of relevant
 * changes as one {@link Action} through a {@link Throttle}.
 *
 * <p>New subdirectories are registered (and walked, so that directories created inside them before registration are
 * registered too). A watched directory that disappears is dropped; when a root disappears it is looked for at the
 * throttle interval, bounded to 100 ms to 1 s, and registered again once it is back. The same check notices a root
 * replaced by another directory (renamed away and recreated), whose old watch would otherwise follow the renamed
 * directory.
 *
 * <p>All problems are logged; nothing thrown escapes the thread, and the sink is called on it.
 */
final class DirectoryWatcher implements AutoCloseable {

    static final String THREAD_NAME = "rts-livereload-watcher";

    private static final Duration MIN_ROOT_CHECK = Duration.ofMillis(100);
    private static final Duration MAX_ROOT_CHECK = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /** A registered directory and the root it was found under, which ignore patterns are relative to. */
    private record Watched(Path dir, Path root) {
    }

    private final List<Path> roots;
    private final PathFilter filter;
    private final Throttle throttle;
    private final long rootCheckNanos;
    private final Consumer<Action> sink;
    private final Logger log;

    // Owned by the watch thread once it runs; start() fills them before starting it.
    private final Map<WatchKey, Watched> byKey = new HashMap<>();
    private final Map<Path, WatchKey> byDir = new HashMap<>();
    private final Set<Path> missingRoots = new HashSet<>();
    private final Map<Path, Object> rootFileKeys = new HashMap<>();
    private boolean watchLimitReported;

    private WatchService watchService;
    private Thread thread;
    private volatile boolean running;

    /**
     * @param roots    the directories to watch, absolute
     * @param filter   which changes matter
     * @param throttle the quiet period that ends a burst
     * @param sink     receives one action per burst, on the watch thread
     * @param log      where problems are reported
     */
    DirectoryWatcher(List<Path> roots, PathFilter filter, Duration throttle, Consumer<Action> sink, Logger log) {
        this.roots = List.copyOf(roots);
        this.filter = Objects.requireNonNull(filter, "filter");
        this.throttle = new Throttle(throttle);
        this.rootCheckNanos =
                Math.max(MIN_ROOT_CHECK.toNanos(), Math.min(MAX_ROOT_CHECK.toNanos(), throttle.toNanos()));
        this.sink = Objects.requireNonNull(sink, "sink");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Registers the existing directories on the calling thread, so that changes made after this returns are seen,
     * then starts the watch thread. Does not throw for file system problems: it logs them and, if no watch service
     * can be created at all, starts no thread.
     *
     * @throws IllegalStateException if called twice
     */
    synchronized void start() {
        if (watchService != null || thread != null) {
            throw new IllegalStateException("Directory watcher was already started");
        }
        try {
            watchService = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            log.warn("Live reload cannot watch files: {}. On Linux, the limit of inotify instances may be exhausted;"
                    + " raise fs.inotify.max_user_instances", e.toString());
            return;
        }
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                registerTree(root, root);
                rootFileKeys.put(root, fileKey(root));
            } else {
                missingRoots.add(root);
                log.warn("Live reload directory '{}' (option 'dirs') {}; it will be watched once it is created", root,
                        Files.exists(root) ? "is not a directory" : "does not exist");
            }
        }
        running = true;
        thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops the watch thread and waits up to five seconds for it to end. A pending burst is dropped. Safe to call
     * more than once, and before {@link #start()}.
     */
    @Override
    public synchronized void close() {
        running = false;
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                log.debug("Closing the watch service failed", e);
            }
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(STOP_TIMEOUT.toMillis());
                if (thread.isAlive()) {
                    log.warn("Live reload watch thread did not stop within {} ms", STOP_TIMEOUT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            long nextRootCheck = System.nanoTime() + rootCheckNanos;
            while (running) {
                long now = System.nanoTime();
                long until = throttle.pending() ? Math.min(nextRootCheck, throttle.dueNanos()) : nextRootCheck;
                WatchKey key = until - now > 0 ? watchService.poll(until - now, TimeUnit.NANOSECONDS)
                        : watchService.poll();
                while (key != null) {
                    if (handle(key)) {
                        nextRootCheck = System.nanoTime();
                    }
                    key = watchService.poll();
                }
                now = System.nanoTime();
                if (now - nextRootCheck >= 0) {
                    checkRoots();
                    nextRootCheck = now + rootCheckNanos;
                }
                Action action = throttle.takeIfDue(System.nanoTime());
                if (action != null && running) {
                    deliver(action);
                }
            }
        } catch (ClosedWatchServiceException e) {
            if (running) {
                log.warn("Live reload stopped watching files: the watch service was closed unexpectedly");
            }
        } catch (InterruptedException e) {
            if (running) {
                log.warn("Live reload stopped watching files: its thread was interrupted");
            }
        } catch (RuntimeException e) {
            log.error("Live reload stopped watching files because of an unexpected error", e);
        }
    }

    /** Handles one signalled key; returns {@code true} if a root disappeared, so that roots are checked at once. */
    private boolean handle(WatchKey key) {
        Watched watched = byKey.get(key);
        if (watched == null) {
            // A key of a directory we already forgot, such as a deleted directory's final invalidation.
            key.cancel();
            return false;
        }
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                log.debug("Live reload missed events in '{}' (overflow); reloading", watched.dir());
                changed(watched.dir(), false);
                registerNewSubdirectories(watched);
                continue;
            }
            Path child = watched.dir().resolve((Path) event.context());
            if (filter.ignored(watched.root(), child)) {
                continue;
            }
            boolean knownDir = byDir.containsKey(child);
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(child)) {
                registerTree(child, watched.root());
                changed(child, false);
            } else if (event.kind() == ENTRY_DELETE) {
                if (knownDir) {
                    forget(child);
                }
                changed(child, !knownDir && filter.stylesheet(child));
            } else if (event.kind() == ENTRY_MODIFY && knownDir) {
                // A subdirectory's attributes changed; changes inside it are reported by its own key.
                continue;
            } else {
                changed(child, filter.stylesheet(child));
            }
        }
        if (key.reset()) {
            return false;
        }
        // The directory is gone (or no longer accessible). Forget it unless it was registered anew meanwhile.
        byKey.remove(key);
        if (byDir.get(watched.dir()) == key) {
            forget(watched.dir());
        }
        changed(watched.dir(), false);
        if (roots.contains(watched.dir()) && missingRoots.add(watched.dir())) {
            log.info("Live reload directory '{}' was deleted; it will be watched again once it is recreated",
                    watched.dir());
            return true;
        }
        return false;
    }

    private void changed(Path path, boolean stylesheet) {
        log.debug("Live reload saw a change of '{}'", path);
        throttle.record(stylesheet, System.nanoTime());
    }

    private void deliver(Action action) {
        try {
            sink.accept(action);
        } catch (RuntimeException e) {
            log.warn("Live reload could not send '{}'", action.message(), e);
        }
    }

    /** Registers missing roots that appeared, and roots replaced by another directory. */
    private void checkRoots() {
        for (Path root : roots) {
            boolean isDir = Files.isDirectory(root);
            if (!isDir) {
                if (missingRoots.add(root)) {
                    forget(root);
                    changed(root, false);
                    log.info("Live reload directory '{}' was deleted; it will be watched again once it is recreated",
                            root);
                }
                continue;
            }
            Object fileKey = fileKey(root);
            if (missingRoots.remove(root)) {
                log.info("Live reload directory '{}' appeared; watching it", root);
            } else if (fileKey == null || fileKey.equals(rootFileKeys.get(root))) {
                continue;
            } else {
                log.debug("Live reload directory '{}' was replaced; watching the new one", root);
                forget(root);
            }
            rootFileKeys.put(root, fileKey);
            registerTree(root, root);
            changed(root, false);
        }
    }

    private static Object fileKey(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Registers a directory and every directory below it that is not ignored. */
    private void registerTree(Path start, Path root) {
        try {
            Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (filter.ignored(root, dir)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return register(dir, root);
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            reportUnreadable(file, e);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                            if (e != null) {
                                reportUnreadable(dir, e);
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            reportUnreadable(start, e);
        }
    }

    private FileVisitResult register(Path dir, Path root) {
        WatchKey key;
        try {
            key = dir.register(watchService, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        } catch (AccessDeniedException e) {
            log.warn("Live reload cannot watch '{}': permission denied; changes below it are not seen", dir);
            return FileVisitResult.SKIP_SUBTREE;
        } catch (NoSuchFileException e) {
            return FileVisitResult.SKIP_SUBTREE; // deleted while we walked; its parent reports the deletion
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("inotify")) {
                if (!watchLimitReported) {
                    watchLimitReported = true;
                    log.warn("Live reload cannot watch '{}' and the directories after it: the inotify watch limit is "
                            + "exhausted ({}); raise fs.inotify.max_user_watches, for example with "
                            + "'sudo sysctl fs.inotify.max_user_watches=524288', or add large directories to option "
                            + "'ignore'", dir, e.getMessage());
                }
                return FileVisitResult.TERMINATE;
            }
            log.warn("Live reload cannot watch '{}': {}", dir, e.toString());
            return FileVisitResult.SKIP_SUBTREE;
        }
        Watched previous = byKey.put(key, new Watched(dir, root));
        if (previous != null && !previous.dir().equals(dir)) {
            // The same directory under a new name (it was moved): the key now reports the new name.
            byDir.remove(previous.dir(), key);
        }
        byDir.put(dir, key);
        return FileVisitResult.CONTINUE;
    }

    /** After an overflow: registers the subdirectories whose creation events may have been lost. */
    private void registerNewSubdirectories(Watched watched) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(watched.dir(), Files::isDirectory)) {
            for (Path child : children) {
                if (!byDir.containsKey(child) && !filter.ignored(watched.root(), child)) {
                    registerTree(child, watched.root());
                }
            }
        } catch (IOException e) {
            reportUnreadable(watched.dir(), e);
        }
    }

    /** Cancels the keys of a directory and everything registered below it. */
    private void forget(Path dir) {
        List<Path> gone = new ArrayList<>();
        for (Path p : byDir.keySet()) {
            if (p.startsWith(dir)) {
                gone.add(p);
            }
        }
        for (Path p : gone) {
            WatchKey key = byDir.remove(p);
            byKey.remove(key);
            key.cancel();
        }
    }

    private void reportUnreadable(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return; // deleted while we walked
        }
        if (e instanceof FileSystemLoopException) {
            log.debug("Live reload skips '{}': a symbolic link loop", path);
        } else if (e instanceof AccessDeniedException) {
            log.warn("Live reload cannot read '{}': permission denied; changes below it are not seen", path);
        } else {
            log.warn("Live reload cannot read '{}': {}", path, e.toString());
        }
    }
}
