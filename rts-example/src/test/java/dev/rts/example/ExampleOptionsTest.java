package dev.rts.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleOptionsTest {

    @Test
    void defaultsToPort3001InDevelopment() {
        assertThat(ExampleOptions.parse()).isEqualTo(new ExampleOptions("127.0.0.1", 3001, false));
    }

    @Test
    void readsPortAndProduction() {
        assertThat(ExampleOptions.parse("--port", "8080", "--production"))
                .isEqualTo(new ExampleOptions("127.0.0.1", 8080, true));
        assertThat(ExampleOptions.parse("--port=0").port()).isZero();
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        assertThatThrownBy(() -> ExampleOptions.parse("--port", "http"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--port must be a number from 0 to 65535 but was 'http'");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> ExampleOptions.parse("--port=65536"))
                .hasMessage("--port must be a number from 0 to 65535 but was '65536'");
        assertThatThrownBy(() -> ExampleOptions.parse("--port", "-1"))
                .hasMessage("--port must be a number from 0 to 65535 but was '-1'");
    }

    @Test
    void rejectsAMissingPortValue() {
        assertThatThrownBy(() -> ExampleOptions.parse("--port"))
                .hasMessage("--port needs a value, such as --port 3001");
    }

    @Test
    void rejectsUnknownArguments() {
        assertThatThrownBy(() -> ExampleOptions.parse("--prod"))
                .hasMessage("Unknown argument '--prod'; expected --host H, --port N, --production, --origin URL, "
                        + "--client-dir DIR or --redis URL");
    }

    @Test
    void readsAClientDirRelativeToTheWorkingDirectory(@TempDir Path dir) {
        assertThat(ExampleOptions.parse("--client-dir", dir.toString(), "--port", "0"))
                .isEqualTo(new ExampleOptions("127.0.0.1", 0, false, dir));
        assertThat(ExampleOptions.parse("--client-dir=" + dir).clientDir()).isEqualTo(dir);

        // Surefire runs in the module folder, which has client/.
        assertThat(ExampleOptions.parse("--client-dir", "client").clientDir())
                .isEqualTo(Path.of("client").toAbsolutePath());
    }

    @Test
    void rejectsAClientDirThatIsNotADirectory(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("index.html"), "<p>");
        assertThatThrownBy(() -> ExampleOptions.parse("--client-dir", file.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--client-dir must name a directory but '" + file + "' is not a directory");
        assertThatThrownBy(() -> ExampleOptions.parse("--client-dir", "no-such-dir"))
                .hasMessage("--client-dir must name a directory but 'no-such-dir' ("
                        + Path.of("no-such-dir").toAbsolutePath() + ") does not exist");
    }

    @Test
    void rejectsAMissingClientDirValue() {
        assertThatThrownBy(() -> ExampleOptions.parse("--client-dir"))
                .hasMessage("--client-dir needs a value, such as --client-dir ./my-page");
        assertThatThrownBy(() -> ExampleOptions.parse("--client-dir="))
                .hasMessage("--client-dir needs a value, such as --client-dir ./my-page");
    }

    @Test
    void rejectsARelativeClientDirInCode() {
        assertThatThrownBy(() -> new ExampleOptions("0.0.0.0", 0, false, Path.of("client")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clientDir must be an absolute path but was 'client'");
    }

    @Test
    void startRefusesAClientDirThatIsGoneByThen(@TempDir Path dir) {
        Path gone = dir.resolve("page");

        assertThatThrownBy(() -> ExampleApp.start(new ExampleOptions("127.0.0.1", 0, false, gone)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The client folder '" + gone + "' does not exist; pass an existing directory");
    }

    @Test
    void redisTakesAUrlInEitherSpelling() {
        assertThat(ExampleOptions.parse("--redis", "redis://127.0.0.1:6379").redisUrl())
                .isEqualTo("redis://127.0.0.1:6379");
        assertThat(ExampleOptions.parse("--redis=redis://h:6380", "--port", "0"))
                .isEqualTo(new ExampleOptions("127.0.0.1", 0, false, null, "redis://h:6380"));
        assertThatThrownBy(() -> ExampleOptions.parse("--redis"))
                .hasMessage("--redis needs a value, such as --redis redis://127.0.0.1:6379");
    }

    @Test
    void helpNamesEveryOption() {
        assertThat(ExampleOptions.USAGE).contains("--host H", "--port N", "--production", "--origin URL",
                "--client-dir DIR", "--redis URL", "--help");
        assertThat(ExampleOptions.USAGE.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(90));
    }

    @Test
    void listensOnThisMachineOnlyUnlessGivenAHost() {
        assertThat(ExampleOptions.parse().host()).isEqualTo("127.0.0.1");
        assertThat(ExampleOptions.parse("--host", "0.0.0.0").host()).isEqualTo("0.0.0.0");
        assertThat(ExampleOptions.parse("--host=::1").host()).isEqualTo("::1");
    }

    @Test
    void readsRepeatedOrigins() {
        assertThat(ExampleOptions.parse("--production", "--origin", "https://chat.example.com",
                "--origin=https://www.example.com").origins())
                .containsExactly("https://chat.example.com", "https://www.example.com");
    }
}
