package dev.rts.livereload.internal;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Decides which changed paths matter and which of them are stylesheets. Immutable and thread-safe.
 */
final class PathFilter {

    /** Dotfiles and dot directories, then editor temporary and backup files (vim, emacs, JetBrains). */
    static final List<String> DEFAULT_IGNORE =
            List.of(".*", "*~", "*.swp", "*.swx", "4913", "#*#", "*___jb_tmp___", "*___jb_old___");

    /** The default stylesheet extensions. */
    static final List<String> DEFAULT_CSS_EXTENSIONS = List.of("css", "styl", "less", "sass", "scss");

    private final List<PathMatcher> nameMatchers = new ArrayList<>();
    private final List<PathMatcher> pathMatchers = new ArrayList<>();
    private final Set<String> cssExtensions;

    /**
     * @param ignore        glob patterns, or regular expressions prefixed with {@code regex:}
     * @param cssExtensions stylesheet extensions, with or without the dot, any case
     * @throws IllegalArgumentException naming the pattern if one is invalid
     */
    PathFilter(Collection<String> ignore, Collection<String> cssExtensions) {
        FileSystem fs = FileSystems.getDefault();
        for (String pattern : ignore) {
            boolean regex = pattern.startsWith("regex:");
            String syntaxAndPattern = regex || pattern.startsWith("glob:") ? pattern : "glob:" + pattern;
            String body = syntaxAndPattern.substring(syntaxAndPattern.indexOf(':') + 1);
            if (body.isEmpty()) {
                throw new IllegalArgumentException("Option 'ignore' has an empty pattern '" + pattern + "'");
            }
            PathMatcher matcher;
            try {
                matcher = fs.getPathMatcher(syntaxAndPattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Option 'ignore' has an invalid pattern '" + pattern + "': "
                        + e.getDescription() + "; use a glob such as '*.tmp' or 'regex:' and a regular expression", e);
            }
            (body.contains("/") ? pathMatchers : nameMatchers).add(matcher);
        }
        this.cssExtensions = cssExtensions.stream()
                .map(e -> (e.startsWith(".") ? e.substring(1) : e).toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether changes to a path are ignored.
     *
     * @param root the watched directory the path is in
     * @param path the changed path, inside {@code root}
     * @return {@code true} to ignore it
     */
    boolean ignored(Path root, Path path) {
        Path name = path.getFileName();
        if (name == null || path.equals(root)) {
            return false;
        }
        for (PathMatcher m : nameMatchers) {
            if (m.matches(name)) {
                return true;
            }
        }
        if (!pathMatchers.isEmpty()) {
            Path relative = root.relativize(path);
            for (PathMatcher m : pathMatchers) {
                if (m.matches(relative)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a path names a stylesheet, judged by its extension alone.
     *
     * @param path the path
     * @return {@code true} for a stylesheet
     */
    boolean stylesheet(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot >= 0 && cssExtensions.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
