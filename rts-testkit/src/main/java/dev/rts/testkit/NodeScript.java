package dev.rts.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a Node.js script against a {@link TestServer} on a real WebSocket, to test a browser half without a browser.
 * The script is run as {@code node <script> <port>} in a fresh directory that also holds {@code client-2013.mjs}: a
 * client with only the 2013 service contract ({@code id}, {@code name}, {@code options}, {@code use}, {@code send},
 * {@code onmessage}), which installs every half the server lists and connects, so that a half can prove it works
 * without RTS's extensions ({@code status}, {@code onerror}, {@code api}):
 *
 * <pre>{@code
 * // counter-2013.mjs, next to the test class
 * import { connect } from './client-2013.mjs';
 * const app = await connect(process.argv[2]);
 * app.api.counter.increment(n => { console.log('RESULT ' + JSON.stringify(n)); app.close(); });
 * }</pre>
 *
 * <pre>{@code
 * import dev.rts.testkit.NodeScript;
 * import dev.rts.testkit.TestServer;
 *
 * try (TestServer server = TestServer.builder().realWebSocket(true).service(new CounterService()).start();
 *      NodeScript node = NodeScript.start(server, CounterTest.class.getResource("counter-2013.mjs"))) {
 *     assertThat(node.result()).isEqualTo("1");
 * }
 * }</pre>
 *
 * <p>The script talks back through its output: {@link #awaitLine(String)} waits for a line with a prefix (so the test
 * can act on the server when the page is ready), {@link #result()} for the {@code RESULT } line and a clean exit.
 * Node 18 or later runs it; where Node has no global {@code WebSocket} (before 22) the testkit installs one over
 * {@code node:net} first, so scripts and {@code /rts/client.js} use the browser API either way. Where no such Node is
 * installed the test is skipped, unless the environment variable {@code CI} is set: there it fails. Not thread-safe.
 */
public final class NodeScript implements AutoCloseable {

    /** How long {@link #awaitLine} and {@link #result} wait: generous, Node starts slowly on a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String END = "\u0000end";

    private final Process process;
    private final Path directory;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private NodeScript(Process process, Path directory) {
        this.process = process;
        this.directory = directory;
        Thread reader = new Thread(() -> read(process.getInputStream()), "node-script-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a script. Call it from a test: without Node it skips the test (or fails it under {@code CI}).
     *
     * @param server a started server with {@link TestServer.Builder#realWebSocket(boolean) realWebSocket(true)}
     * @param script the script, usually {@code MyTest.class.getResource("my-script.mjs")}; it may import
     *               {@code ./client-2013.mjs}
     * @return the running script
     * @throws IllegalArgumentException if the script is {@code null} (a resource that was not found) or the server
     *                                  runs in memory
     * @throws UncheckedIOException     if the script cannot be copied or Node cannot be started
     */
    public static NodeScript start(TestServer server, URL script) {
        if (script == null) {
            throw new IllegalArgumentException("script is null: the resource was not found next to the test class");
        }
        int port = Objects.requireNonNull(server, "server").rtsServer().port();
        if (port <= 0) {
            throw new IllegalArgumentException("NodeScript needs a server on a real WebSocket: build it with "
                    + "TestServer.builder().realWebSocket(true)");
        }
        List<String> command = new ArrayList<>(requireNode());
        try {
            Path directory = Files.createTempDirectory("rts-node-script");
            Path target = directory.resolve("script.mjs");
            try (InputStream in = script.openStream()) {
                Files.copy(in, target);
            }
            for (String file : List.of("client-2013.mjs", "websocket.mjs")) {
                try (InputStream in = NodeScript.class.getResourceAsStream(file)) {
                    Files.copy(Objects.requireNonNull(in, () -> file + " is missing from the testkit jar"),
                            directory.resolve(file));
                }
            }
            // The WebSocket first, for Node versions without a global one; then the test's script.
            Path main = directory.resolve("main.mjs");
            Files.writeString(main, "import './websocket.mjs';\nawait import('./script.mjs');\n");
            command.add(main.toString());
            command.add(String.valueOf(port));
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            return new NodeScript(process, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + script + " with " + command, e);
        }
    }

    /**
     * Waits for the next line of output that starts with a prefix; earlier lines without it are skipped (they stay in
     * failure messages).
     *
     * @param prefix such as {@code "SUBSCRIBED"}
     * @return the rest of the line after the prefix, stripped
     * @throws AssertionError if the script ends or 45 s pass first, with everything it printed
     */
    public String awaitLine(String prefix) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for Node", e);
            }
            if (line == null || line.equals(END)) {
                if (line != null) {
                    lines.add(END);
                }
                throw new AssertionError("Expected a line starting with '" + prefix + "' from Node but "
                        + (line == null ? "none came within " + WAIT : "the script ended") + "; it printed:\n"
                        + printed());
            }
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
    }

    /**
     * Waits for the line starting with {@code RESULT } and for the script to exit with status 0.
     *
     * @return the rest of that line, usually JSON
     * @throws AssertionError if there is no such line, the script fails (an uncaught error in a half, for
     *                        instance) or it does not end within 45 s, with everything it printed
     */
    public String result() {
        String result = awaitLine("RESULT ");
        try {
            if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Node printed its RESULT but did not exit within " + WAIT
                        + "; close what the script opened (app.close()). It printed:\n" + printed());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for Node", e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("Node exited with " + process.exitValue() + "; it printed:\n" + printed());
        }
        return result;
    }

    /**
     * Everything the script printed so far, standard error included.
     *
     * @return the lines, joined
     */
    public String printed() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Stops the script if it still runs and deletes its directory. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // A temporary directory left behind harms nothing.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                lines.add(line);
            }
        } catch (IOException e) {
            output.add("(output unreadable: " + e + ")");
        } finally {
            lines.add(END);
        }
    }

    /** The command that starts Node with a global WebSocket; skips the test outside CI if there is none. */
    private static List<String> requireNode() {
        String missing = "No Node 18 or later on the PATH";
        try {
            Process process = new ProcessBuilder("node", "-e",
                    "process.exit(+process.versions.node.split('.')[0] >= 18 ? 0 : 1)").redirectErrorStream(true)
                    .start();
            if (process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return List.of("node");
            }
            process.destroyForcibly();
            missing = "The Node on the PATH is older than 18";
        } catch (IOException e) {
            // no node: reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while looking for Node", e);
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError(missing + "; under CI the browser-half tests must run (.ci/run installs Node)");
        }
        return Assumptions.abort(missing + "; the browser-half test is skipped (under CI it runs)");
    }
}
