package dev.rts.livereload.internal;

import dev.rts.api.ServiceOptions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The live reload options, read and checked once at start. The option keys and defaults are documented in the
 * {@code dev.rts.livereload} package.
 *
 * @param dirs          the directories to watch, absolute and normalized, without duplicates; never empty
 * @param cssExtensions stylesheet extensions
 * @param ignore        ignore patterns
 * @param throttle      the quiet period that ends a burst; positive
 * @param enabled       whether to watch at all
 */
record LiveReloadConfig(List<Path> dirs, List<String> cssExtensions, List<String> ignore, Duration throttle,
                        boolean enabled) {

    /** Every option key this service reads. */
    static final Set<String> KEYS = Set.of("dirs", "cssExtensions", "ignore", "throttle", "enabled");

    static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(1);

    LiveReloadConfig {
        dirs = List.copyOf(dirs);
        cssExtensions = List.copyOf(cssExtensions);
        ignore = List.copyOf(ignore);
    }

    /**
     * Reads the options.
     *
     * @param options    the options the app mounted the service with
     * @param production whether the server runs in production, which turns watching off by default
     * @param workingDir what relative {@code dirs} are resolved against
     * @return the checked configuration
     * @throws IllegalArgumentException naming the option and the rejected value
     */
    static LiveReloadConfig from(ServiceOptions options, boolean production, Path workingDir) {
        List<Path> dirs = new ArrayList<>(new LinkedHashSet<>(
                strings(options, "dirs", List.of("./client")).stream()
                        .map(d -> resolve(workingDir, d))
                        .toList()));
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("Option 'dirs' must name at least one directory but was []");
        }
        Duration throttle = options.duration("throttle", DEFAULT_THROTTLE);
        if (throttle.isNegative() || throttle.isZero()) {
            throw new IllegalArgumentException("Option 'throttle' must be positive but was " + throttle.toMillis()
                    + " ms");
        }
        return new LiveReloadConfig(dirs,
                strings(options, "cssExtensions", PathFilter.DEFAULT_CSS_EXTENSIONS),
                strings(options, "ignore", PathFilter.DEFAULT_IGNORE),
                throttle,
                options.bool("enabled", !production));
    }

    private static Path resolve(Path workingDir, String dir) {
        try {
            return workingDir.resolve(dir).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("Option 'dirs' has an invalid path '" + dir + "': " + e.getReason(), e);
        }
    }

    /** A list of non-blank strings; a single string counts as a list of one, because that is what people write. */
    private static List<String> strings(ServiceOptions options, String key, List<String> fallback) {
        Object value = options.get(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        List<?> items = value instanceof String s ? List.of(s) : value instanceof List<?> l ? l : null;
        if (items == null) {
            throw new IllegalArgumentException("Option '" + key + "' must be a list of strings but was "
                    + value.getClass().getSimpleName() + " '" + value + "'");
        }
        List<String> result = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("Option '" + key + "' must be a list of non-blank strings but "
                        + "contains " + (item == null ? "null" : item.getClass().getSimpleName() + " '" + item + "'"));
            }
            result.add(s);
        }
        return result;
    }
}
