package dev.rts.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The root README's counter service is the code in {@code com.acme.counter} of these tests, which compile and run
 * ({@code CounterServiceTest}): each README block tagged {@code counter-...} must equal its file exactly, and the
 * example stays within issue 13's budgets for a new author (service and browser half in 60 lines, tests in 40).
 */
class ReadmeCounterTest {

    private static final Pattern BLOCK = Pattern.compile("```\\w+ (counter-[a-z]+)\\n(.*?)```", Pattern.DOTALL);
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Map<String, Path> FILES = Map.of(
            "counter-service", MODULE.resolve("src/test/java/com/acme/counter/CounterService.java"),
            "counter-half", MODULE.resolve("src/test/resources/META-INF/rts/com.acme.counter.CounterService.js"),
            "counter-test", MODULE.resolve("src/test/java/com/acme/counter/CounterServiceTest.java"));

    @Test
    void theReadmeShowsExactlyTheTestedCounter() throws IOException {
        Map<String, String> blocks = readmeBlocks();

        assertThat(blocks).containsOnlyKeys(FILES.keySet());
        for (Map.Entry<String, Path> file : FILES.entrySet()) {
            assertThat(blocks.get(file.getKey()))
                    .as("README.md's block %s must equal %s; copy the file into the README", file.getKey(),
                            file.getValue())
                    .isEqualTo(Files.readString(file.getValue()));
        }
    }

    @Test
    void theCounterStaysWithinItsLineBudgets() throws IOException {
        Map<String, String> blocks = readmeBlocks();

        assertThat(lines(blocks.get("counter-service")) + lines(blocks.get("counter-half")))
                .as("lines of Java and JavaScript").isLessThanOrEqualTo(60);
        assertThat(lines(blocks.get("counter-test"))).as("lines of tests").isLessThanOrEqualTo(40);
    }

    private static Map<String, String> readmeBlocks() throws IOException {
        Matcher matcher = BLOCK.matcher(Files.readString(MODULE.getParent().resolve("README.md")));
        Map<String, String> blocks = new LinkedHashMap<>();
        while (matcher.find()) {
            assertThat(blocks.put(matcher.group(1), matcher.group(2))).as("README block %s", matcher.group(1))
                    .isNull();
        }
        return blocks;
    }

    private static long lines(String text) {
        return text.lines().count();
    }
}
