package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser half in a client with only the 2013 service contract (no {@code status}), run by Node: it joins,
 * watches, folds a sync and diffs into joins, updates and leaves, and reports a refusal without throwing. Skipped
 * where Node is not installed.
 */
@Timeout(60)
class BrowserHalfTest {

    @Test
    void theHalfWorksInAClientWithOnlyThe2013Contract() throws Exception {
        Path half = Files.createTempFile("PresenceService", ".js");
        try {
            Files.writeString(half, Presence.service().clientCode().orElseThrow());
            Path script = Path.of(BrowserHalfTest.class.getResource("half-2013.mjs").toURI());
            String output = run(List.of("node", script.toString(), half.toString()));
            assumeThat(output).as("Node on the PATH").isNotNull();
            String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new AssertionError("Node printed no RESULT line:\n" + output));
            assertThat(result).isEqualTo("RESULT {\"sent\":[\"join,meta\",\"watch\",\"join,meta\"],"
                    + "\"answers\":[\"n.1\"],"
                    + "\"seen\":[\"join ann 1\",\"join bob 1\",\"update bob Bobby\",\"leave ann\"],"
                    + "\"list\":[{\"key\":\"bob\",\"metas\":[{\"name\":\"Bobby\",\"ref\":\"m.1\"}]}],\"count\":1}");
            assertThat(output).contains("Not allowed to join presence topic 'staff'");
        } finally {
            Files.deleteIfExists(half);
        }
    }

    /** Node's output, or null if there is no Node. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        try {
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                throw new AssertionError("Node did not finish within 45 s: " + command);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit code of %s, output:%n%s", command, output).isZero();
            return output;
        } finally {
            process.destroyForcibly();
        }
    }
}
