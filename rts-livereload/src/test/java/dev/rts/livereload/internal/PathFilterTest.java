package dev.rts.livereload.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PathFilterTest {

    private static final Path ROOT = Path.of("/app/client").toAbsolutePath();
    private final PathFilter defaults =
            new PathFilter(PathFilter.DEFAULT_IGNORE, PathFilter.DEFAULT_CSS_EXTENSIONS);

    @Test
    void defaultsIgnoreDotfilesAndEditorFiles() {
        for (String name : List.of(".hidden", ".git", ".app.js.swp", "app.js~", "app.js.swp", "app.js.swx", "4913",
                "#app.js#", "app.css___jb_tmp___", "app.css___jb_old___")) {
            assertThat(defaults.ignored(ROOT, ROOT.resolve("js").resolve(name))).as(name).isTrue();
        }
    }

    @Test
    void defaultsKeepOrdinaryFiles() {
        for (String name : List.of("app.js", "index.html", "style.css", "49131", "a.swp.js", "js")) {
            assertThat(defaults.ignored(ROOT, ROOT.resolve("js").resolve(name))).as(name).isFalse();
        }
    }

    @Test
    void theWatchedDirectoryItselfIsNeverIgnored() {
        Path dotRoot = Path.of("/app/.client").toAbsolutePath();

        assertThat(defaults.ignored(dotRoot, dotRoot)).isFalse();
        assertThat(defaults.ignored(dotRoot, dotRoot.resolve("app.js"))).isFalse();
    }

    @Test
    void patternsWithASlashMatchThePathInsideTheWatchedDirectory() {
        PathFilter filter = new PathFilter(List.of("vendor/**", "regex:.*\\.map"), List.of());

        assertThat(filter.ignored(ROOT, ROOT.resolve("vendor/lib/x.js"))).isTrue();
        assertThat(filter.ignored(ROOT, ROOT.resolve("app/vendor/x.js"))).isFalse();
        assertThat(filter.ignored(ROOT, ROOT.resolve("app/app.js.map"))).isTrue();
        assertThat(filter.ignored(ROOT, ROOT.resolve(".hidden"))).isFalse();
    }

    @Test
    void stylesheetsAreKnownByExtensionInAnyCase() {
        PathFilter filter = new PathFilter(List.of(), List.of(".CSS", "scss"));

        assertThat(filter.stylesheet(ROOT.resolve("a.css"))).isTrue();
        assertThat(filter.stylesheet(ROOT.resolve("a.Css"))).isTrue();
        assertThat(filter.stylesheet(ROOT.resolve("a.SCSS"))).isTrue();
        assertThat(filter.stylesheet(ROOT.resolve("a.less"))).isFalse();
        assertThat(filter.stylesheet(ROOT.resolve("css"))).isFalse();
        assertThat(filter.stylesheet(ROOT.resolve("a.css.js"))).isFalse();
    }

    @Test
    void anInvalidPatternIsRejectedNamingIt() {
        assertThatThrownBy(() -> new PathFilter(List.of("regex:(unclosed"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option 'ignore' has an invalid pattern 'regex:(unclosed': Unclosed group; use a glob such"
                        + " as '*.tmp' or 'regex:' and a regular expression");
    }
}
