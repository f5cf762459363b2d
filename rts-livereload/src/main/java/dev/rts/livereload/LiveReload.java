package dev.rts.livereload;

import dev.rts.api.Service;
import dev.rts.api.ServiceOptions;
import dev.rts.livereload.internal.LiveReloadService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The server-side API of the live reload service, for build tools and app code that know better than the file
 * watcher when the browser should refresh (for example after a bundler finished writing its output).
 *
 * <p>Get it from the shared api under the service's mount name, by default {@code "livereload"}:
 * <pre>{@code
 * LiveReload liveReload = api.get("livereload", LiveReload.class);
 * liveReload.updateCss();
 * }</pre>
 *
 * <p>Explicit triggers are sent at once; only file changes are throttled. Both methods are thread-safe, never block
 * and never throw: after the server stopped they send nothing and return {@code 0}. When live reload is off
 * ({@code enabled(false)}, or production mode) the service is not listed to browsers, so they send nothing and return
 * {@code 0} too.
 */
public interface LiveReload {

    /**
     * Tells every connected browser to reload the page.
     *
     * @return how many sockets the message was queued for
     */
    int reload();

    /**
     * Tells every connected browser to refetch its stylesheets ({@code <link rel="stylesheet">}) without reloading
     * the page.
     *
     * @return how many sockets the message was queued for
     */
    int updateCss();

    /**
     * A builder for a live reload service with other settings than the defaults; the one way to configure live
     * reload (it takes no string-keyed options map). Mount what it builds by hand; discovery may stay on, the server
     * then skips the discovered instance.
     *
     * <pre>{@code
     * RtsServer.builder().service(LiveReload.builder().dirs(Path.of("client")).throttle(Duration.ofMillis(300)).build())
     * }</pre>
     *
     * @return a new builder with the defaults
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Settings of a live reload service, each checked when set; see the {@code dev.rts.livereload} package for what
     * they mean. Not thread-safe; {@link #build()} may be called several times, each time making a new service.
     */
    final class Builder {

        private final Map<String, Object> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The directories to watch, recursively (default {@code ./client}). Relative paths are resolved against the
         * working directory at start.
         *
         * @param dirs at least one directory
         * @return this builder
         * @throws IllegalArgumentException if none is given or one is {@code null}
         */
        public Builder dirs(Path... dirs) {
            List<String> names = new ArrayList<>();
            for (Path dir : dirs) {
                if (dir == null) {
                    throw new IllegalArgumentException("LiveReload dirs must not contain null but was "
                            + Arrays.toString(dirs));
                }
                names.add(dir.toString());
            }
            settings.put("dirs", nonEmpty("dirs", names));
            return this;
        }

        /**
         * File extensions that count as stylesheets (default css, styl, less, sass, scss), any case, dot optional.
         *
         * @param extensions non-blank extensions
         * @return this builder
         * @throws IllegalArgumentException if one is blank or {@code null}
         */
        public Builder cssExtensions(List<String> extensions) {
            settings.put("cssExtensions", strings("cssExtensions", extensions));
            return this;
        }

        /**
         * Files and directories whose changes are ignored: globs, or {@code regex:} + a regular expression, matched
         * against the file name, or against the path inside the watched directory when the pattern contains
         * {@code /}. Replaces the defaults (dotfiles and editor temporary files), so repeat those you want to keep.
         *
         * @param patterns non-blank patterns
         * @return this builder
         * @throws IllegalArgumentException if one is blank or {@code null}
         */
        public Builder ignore(List<String> patterns) {
            settings.put("ignore", strings("ignore", patterns));
            return this;
        }

        /**
         * The quiet period that ends a burst of changes (default 1 s).
         *
         * @param throttle a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder throttle(Duration throttle) {
            Objects.requireNonNull(throttle, "throttle");
            if (throttle.isNegative() || throttle.isZero()) {
                throw new IllegalArgumentException("LiveReload throttle must be a positive duration but was "
                        + throttle.toMillis() + " ms");
            }
            settings.put("throttle", throttle);
            return this;
        }

        /**
         * Whether to watch files at all (default: only when the server is not in production mode). Explicit
         * triggers through {@link LiveReload} work either way.
         *
         * @param enabled {@code true} to watch even in production
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            settings.put("enabled", enabled);
            return this;
        }

        /**
         * Makes a new, unstarted service with these settings.
         *
         * @return a service to pass to the server builder
         */
        public Service build() {
            return new LiveReloadService(ServiceOptions.of(settings));
        }

        private static List<String> strings(String property, List<String> values) {
            Objects.requireNonNull(values, property);
            for (String value : values) {
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException("LiveReload " + property + " must be non-blank strings but "
                            + "was " + values);
                }
            }
            return List.copyOf(values);
        }

        private static List<String> nonEmpty(String property, List<String> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("LiveReload " + property + " must name at least one directory "
                        + "but was []");
            }
            return List.copyOf(values);
        }
    }
}
