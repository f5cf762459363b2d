package dev.rts.livereload.internal;

import dev.rts.api.BrowserHalf;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.api.ServiceOptions;
import dev.rts.livereload.LiveReload;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The live reload service: watches the client directories and tells browsers to reload, or to refetch their
 * stylesheets. Configured with {@link LiveReload#builder()}. Raw string messages, no features.
 *
 * <p>Public only so that {@link java.util.ServiceLoader} can create it; apps configure it with
 * {@link LiveReload#builder()} and use {@link LiveReload}.
 */
public final class LiveReloadService implements Service {

    /** The default mount name. */
    public static final String NAME = "livereload";

    private final ServiceOptions settings;
    private DirectoryWatcher watcher;
    private boolean started;

    /** The service with the default settings, as discovery creates it. Does no work. */
    public LiveReloadService() {
        this(ServiceOptions.empty());
    }

    /**
     * The service with settings from {@code LiveReload.builder()}, already checked there. Does no work.
     *
     * @param settings the settings, under the keys of {@link LiveReloadConfig#KEYS}
     */
    public LiveReloadService(ServiceOptions settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Reads the options and, unless watching is off, registers the directories and starts the watch thread.
     *
     * @return the {@link LiveReload} API
     * @throws IllegalArgumentException if an options map was given: live reload is configured with
     *                                  {@code LiveReload.builder()}
     * @throws IllegalStateException    if already started
     */
    @Override
    public synchronized LiveReload start(ServiceContext context) {
        if (started) {
            throw new IllegalStateException("Service '" + context.name() + "' was already started");
        }
        Logger log = context.logger();
        context.options().requireNone("Live reload", "LiveReload.builder().dirs(...).throttle(...).build()");
        LiveReloadConfig config = LiveReloadConfig.from(settings, context.production(), Path.of("").toAbsolutePath());
        DefaultLiveReload api = new DefaultLiveReload(context, config.enabled());
        started = true;
        if (!config.enabled()) {
            log.info("Live reload is off ({}); build it with LiveReload.builder().enabled(true) to watch files",
                    settings.get("enabled").isPresent() ? "enabled(false)" : "production mode");
            return api;
        }
        watcher = new DirectoryWatcher(config.dirs(), new PathFilter(config.ignore(), config.cssExtensions()),
                config.throttle(), api::send, log);
        watcher.start();
        log.info("Live reload watching {} (throttle {} ms, stylesheets {})", config.dirs(),
                config.throttle().toMillis(), config.cssExtensions());
        return api;
    }

    /**
     * Hidden from browsers once it started switched off, so that discovery in production does not list a service that
     * does nothing.
     *
     * @return {@code true} if started without watching
     */
    @Override
    public synchronized boolean isPrivate() {
        return started && watcher == null;
    }

    /** Stops the watch thread and waits for it, at most five seconds. */
    @Override
    public synchronized void stop() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    /**
     * The browser half, {@code META-INF/rts/dev.rts.livereload.internal.LiveReloadService.js}; declared, so a jar without it
     * refuses to start.
     *
     * @return the function expression
     * @throws IllegalStateException if the file is missing from the jar
     */
    @Override
    public Optional<String> clientCode() {
        return Optional.of(BrowserHalf.read(LiveReloadService.class));
    }
}
