package dev.rts.redis;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own on a spare port, which the test may stop and start again (the shared one on 6379
 * is never stopped). Nothing is saved to disk.
 */
final class PrivateRedis implements AutoCloseable {

    private final int port;
    private Process process;

    PrivateRedis(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts redis-server and waits until it answers PING. */
    void start() throws IOException {
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String problem;
        do {
            problem = RawRedis.ping(port);
            if (problem == null) {
                return;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline && process.isAlive());
        throw new IllegalStateException("Private redis-server on port " + port + " did not start: " + problem);
    }

    /** Stops it and waits until it exited. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** Whether redis-server can be run here. */
    static boolean installed() {
        try {
            Process probe = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
