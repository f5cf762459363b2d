package dev.rts.livereload.internal;

import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.livereload.LiveReload;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;

/**
 * The live reload service: watches the client directories and tells browsers to reload, or to refetch their
 * stylesheets. Options are documented in the {@code dev.rts.livereload} package. Raw string messages, no features.
 *
 * <p>Public only so that {@link java.util.ServiceLoader} can create it; apps configure it through options and use
 * {@link LiveReload}.
 */
public final class LiveReloadService implements Service {

    /** The default mount name. */
    public static final String NAME = "livereload";

    private DirectoryWatcher watcher;
    private boolean started;

    /** Does no work; watching starts in {@link #start(ServiceContext)}. */
    public LiveReloadService() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Reads the options and, unless watching is off, registers the directories and starts the watch thread.
     *
     * @return the {@link LiveReload} API
     * @throws IllegalArgumentException if an option has the wrong type or value
     * @throws IllegalStateException    if already started
     */
    @Override
    public synchronized LiveReload start(ServiceContext context) {
        if (started) {
            throw new IllegalStateException("Service '" + context.name() + "' was already started");
        }
        Logger log = context.logger();
        LiveReloadConfig config = LiveReloadConfig.from(context.options(), context.production(),
                Path.of("").toAbsolutePath());
        List<String> unknown = context.options().asMap().keySet().stream()
                .filter(k -> !LiveReloadConfig.KEYS.contains(k))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            log.warn("Live reload ignores unknown options {}; known options are {}", unknown,
                    LiveReloadConfig.KEYS.stream().sorted().toList());
        }
        DefaultLiveReload api = new DefaultLiveReload(context);
        started = true;
        if (!config.enabled()) {
            log.info("Live reload is off ({}); set option 'enabled' to true to watch files",
                    context.options().get("enabled").isPresent() ? "option 'enabled' is false" : "production mode");
            return api;
        }
        watcher = new DirectoryWatcher(config.dirs(), new PathFilter(config.ignore(), config.cssExtensions()),
                config.throttle(), api::send, log);
        watcher.start();
        log.info("Live reload watching {} (throttle {} ms, stylesheets {})", config.dirs(),
                config.throttle().toMillis(), config.cssExtensions());
        return api;
    }

    /** Stops the watch thread and waits for it, at most five seconds. */
    @Override
    public synchronized void stop() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }
}
