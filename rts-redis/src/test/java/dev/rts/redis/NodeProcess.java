package dev.rts.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterNode} in its own JVM, started with the test class path and the given environment. Its log goes to
 * {@code target/nodes/<name>.log}.
 */
final class NodeProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;

    private NodeProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a node and waits until it listens.
     *
     * @param name        for its log file
     * @param environment added to this JVM's environment (RTS_REDIS_URL, RTS_REDIS_PREFIX)
     */
    static NodeProcess start(String name, Map<String, String> environment) {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try {
            Path logs = Path.of("target", "nodes");
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                    ClusterNode.class.getName())
                    .redirectError(logs.resolve(name + ".log").toFile());
            builder.environment().remove("RTS_REDIS_URL");
            builder.environment().remove("RTS_REDIS_PREFIX");
            builder.environment().putAll(environment);
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> readPort(out));
            try {
                return new NodeProcess(name, process, port.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("Node " + name + " did not start; see target/nodes/" + name + ".log",
                        e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int readPort(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
            }
            throw new IllegalStateException("The node exited before printing its port");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    /** {@code kill -9}: no goodbye, no clean shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** Stops the node cleanly (closes its standard input), or kills it after 20 s. */
    @Override
    public void close() throws Exception {
        if (!process.isAlive()) {
            return;
        }
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "node " + name + " on port " + port;
    }
}
