package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test script of this package's resources in Node, as a stand-in for a browser. */
final class NodeScript {

    private NodeScript() {
    }

    /**
     * Runs {@code node <script> <port>} and returns its line starting with {@code RESULT }.
     *
     * @throws AssertionError if Node fails, takes over 15 s, or prints no such line
     */
    static String run(List<String> node, String script, int port) throws Exception {
        List<String> command = new ArrayList<>(node);
        command.add(Path.of(NodeScript.class.getResource(script).toURI()).toString());
        command.add(String.valueOf(port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new AssertionError("Node did not finish within 15 s: " + command);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit code of %s, output:%n%s", command, output).isZero();
            return output.lines().filter(line -> line.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new AssertionError("Node printed no RESULT line:\n" + output));
        } finally {
            process.destroyForcibly();
        }
    }

    /** The command that starts Node with a global WebSocket (Node 22+, or 20 with a flag), or null if there is none. */
    static List<String> nodeWithWebSocket() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("node"), List.of("node", "--experimental-websocket"))) {
            List<String> probe = new ArrayList<>(candidate);
            probe.addAll(List.of("-e", "process.exit(typeof WebSocket == 'function' ? 0 : 1)"));
            try {
                Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
                if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return candidate;
                }
                process.destroyForcibly();
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
