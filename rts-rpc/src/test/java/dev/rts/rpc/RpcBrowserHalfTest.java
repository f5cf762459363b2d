package dev.rts.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rts.testkit.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser half ({@code META-INF/rts/dev.rts.rpc.internal.RpcService.js}) against a real server, run by Node: the core client, the WebSocket
 * transport and the rpc half, as a page loads them from {@code /rts/client.js}. Skipped where no Node with a
 * WebSocket (Node 22+, or Node 20 with {@code --experimental-websocket}) is installed.
 */
@Timeout(60)
class RpcBrowserHalfTest {

    @Test
    void browserHalfCallsWithCallbacksAndPromisesAndFailsWhatGetsNoAnswer() throws Exception {
        List<String> node = nodeWithWebSocket();
        assumeThat(node).as("Node with WebSocket support on the PATH").isNotNull();
        Path script = Path.of(RpcBrowserHalfTest.class.getResource("browser-half.mjs").toURI());
        try (TestServer server = TestServer.builder().realWebSocket(true)
                .service(Rpc.builder().timeout(Duration.ofSeconds(5)).clientTimeout(Duration.ofSeconds(2)).build())
                .start()) {
            server.api().get("rpc", Rpc.class).namespace("demo", new DemoActions());
            List<String> command = new ArrayList<>(node);
            command.add(script.toString());
            command.add(String.valueOf(server.rtsServer().port()));
            String output = run(command);
            String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new AssertionError("Node printed no RESULT line:\n" + output));
            assertThat(result).isEqualTo("RESULT {"
                    + "\"errorFirst\":[null,25],"
                    + "\"many\":[\"a\",1,null,true],"
                    + "\"none\":[],"
                    + "\"promise\":[16],"
                    + "\"records\":[{\"x\":4,\"y\":6}],"
                    + "\"callbackReturnsUndefined\":true,"
                    + "\"error\":[true,\"boom\",0],"
                    + "\"rejected\":[true,\"Unknown method 'demo.sqare'; did you mean 'demo.square'?\"],"
                    + "\"notAName\":[true,\"rpc needs a method name such as 'demo.square'\"],"
                    + "\"clientTimeout\":[true,\"RPC 'demo.later' got no answer within 2000 ms\"],"
                    + "\"dropped\":[true,\"Connection closed before a reply\"]}");
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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

    /** The command that starts Node with a global WebSocket, or null if there is none. */
    private static List<String> nodeWithWebSocket() throws InterruptedException {
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
