package dev.rts.livereload.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.ServiceOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LiveReloadConfigTest {

    private static final Path WORK = Path.of("/srv/app").toAbsolutePath();

    private static LiveReloadConfig config(Map<String, ?> options) {
        return LiveReloadConfig.from(ServiceOptions.of(options), false, WORK);
    }

    @Test
    void defaultsWatchTheClientFolderOfTheWorkingDirectory() {
        LiveReloadConfig config = config(Map.of());

        assertThat(config.dirs()).containsExactly(WORK.resolve("client"));
        assertThat(config.cssExtensions()).containsExactly("css", "styl", "less", "sass", "scss");
        assertThat(config.ignore()).isEqualTo(PathFilter.DEFAULT_IGNORE);
        assertThat(config.throttle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.enabled()).isTrue();
    }

    @Test
    void productionTurnsWatchingOffUnlessEnabledExplicitly() {
        assertThat(LiveReloadConfig.from(ServiceOptions.empty(), true, WORK).enabled()).isFalse();
        assertThat(LiveReloadConfig.from(ServiceOptions.of(Map.of("enabled", true)), true, WORK).enabled()).isTrue();
    }

    @Test
    void dirsAreResolvedNormalizedAndDeduplicated() {
        LiveReloadConfig config = config(Map.of("dirs", List.of("web", "./web/../web", "/abs/dir")));

        assertThat(config.dirs()).containsExactly(WORK.resolve("web"), Path.of("/abs/dir").toAbsolutePath());
    }

    @Test
    void aSingleDirMayBeGivenAsAString() {
        assertThat(config(Map.of("dirs", "public")).dirs()).containsExactly(WORK.resolve("public"));
    }

    @Test
    void throttleIsADurationOrMilliseconds() {
        assertThat(config(Map.of("throttle", 250)).throttle()).isEqualTo(Duration.ofMillis(250));
        assertThat(config(Map.of("throttle", Duration.ofSeconds(2))).throttle()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void wrongOptionsAreRejectedNamingTheOptionAndValue() {
        assertThatThrownBy(() -> config(Map.of("dirs", 42)))
                .hasMessage("Option 'dirs' must be a list of strings but was Integer '42'");
        assertThatThrownBy(() -> config(Map.of("dirs", List.of())))
                .hasMessage("Option 'dirs' must name at least one directory but was []");
        assertThatThrownBy(() -> config(Map.of("ignore", List.of("*.tmp", 3))))
                .hasMessage("Option 'ignore' must be a list of non-blank strings but contains Integer '3'");
        assertThatThrownBy(() -> config(Map.of("throttle", 0)))
                .hasMessage("Option 'throttle' must be positive but was 0 ms");
        assertThatThrownBy(() -> config(Map.of("throttle", "fast")))
                .hasMessage("Option 'throttle' must be a Duration or milliseconds but was String 'fast'");
        assertThatThrownBy(() -> config(Map.of("enabled", "yes")))
                .hasMessage("Option 'enabled' must be a Boolean but was String 'yes'");
    }
}
