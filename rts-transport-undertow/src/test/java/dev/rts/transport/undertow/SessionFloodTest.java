package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The finding: every connect presenting no session stored a new session for a day, with no cap and no per-address
 * limit, until a server with {@code -Xmx64m} ran out of memory and exited. Here the server runs in a child JVM with
 * {@code -Xmx64m} and its default bounds; connects without a session come as fast as four threads can make them,
 * first from one address (the per-address limit answers most of them with an error), then from forty addresses
 * until twice as many sessions as a cap of 200 were created (least recently used sessions are evicted). The server must
 * stay alive and keep serving a normal client.
 */
@Timeout(120)
class SessionFloodTest {

    private static final long MAX_PHASE_NANOS = TimeUnit.SECONDS.toNanos(40);
    private static final int CAP = 200;
    private static final int THREADS = 4;

    @Test
    void aSessionFloodLeavesASixtyFourMegabyteServerAliveAndServing() throws Exception {
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx64m",
                "-cp", classPath(), SessionFloodServer.class.getName(), String.valueOf(CAP))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.US_ASCII));
        OutputStream in = server.getOutputStream();
        try {
            String first = out.readLine();
            assertThat(first).startsWith("port ");
            int port = Integer.parseInt(first.substring(5));

            Tally oneAddress = flood(port, List.of("127.0.0.1"), MAX_PHASE_NANOS, Integer.MAX_VALUE, 200);
            Tally manyAddresses = flood(port, addresses(40), MAX_PHASE_NANOS, 2 * CAP, Integer.MAX_VALUE);
            in.write('\n');
            in.flush();
            String heap = out.readLine();
            System.out.printf("Session flood against -Xmx64m: from one address %s; from 40 addresses %s; %s%n",
                    oneAddress, manyAddresses, heap);

            assertThat(server.isAlive()).as("the server process is alive").isTrue();
            // A burst of 100, then 20 per second, plus slack for timing.
            assertThat(oneAddress.refused.get()).isGreaterThanOrEqualTo(200);
            assertThat((long) oneAddress.granted.get()).isLessThanOrEqualTo(100 + 20 * (oneAddress.seconds() + 1));
            assertThat(manyAddresses.granted.get()).as("twice as many sessions as the cap").isGreaterThanOrEqualTo(2 * CAP);
            try (RawWebSocket normal = new RawWebSocket("127.0.0.200", port, 5_000)) {
                normal.sendText("0|1|{\"c\":\"connect\",\"sessionId\":false}".getBytes(StandardCharsets.UTF_8));
                assertThat(normal.read().text()).startsWith("0|1|{\"version\":");
                normal.sendText("1|2|\"still serving\"".getBytes(StandardCharsets.UTF_8));
                assertThat(normal.read().text()).isEqualTo("1|2|{\"echo\":\"still serving\"}");
            }
        } finally {
            in.close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Everything this test runs with, class path and module path alike, as a class path for the child. */
    static String classPath() {
        String modules = System.getProperty("jdk.module.path", "");
        String classes = System.getProperty("java.class.path", "");
        return modules.isEmpty() ? classes : classes.isEmpty() ? modules : modules + java.io.File.pathSeparator
                + classes;
    }

    private static List<String> addresses(int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("127.0.1." + (i + 1));
        }
        return addresses;
    }

    /** Connects without a session as fast as {@link #THREADS} threads can, until a time, or sessions or refusals. */
    private static Tally flood(int port, List<String> from, long nanos, int sessions, int refusals)
            throws Exception {
        Tally tally = new Tally();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            long deadline = System.nanoTime() + nanos;
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                running.add(threads.submit(() -> {
                    for (int i = first; System.nanoTime() < deadline && tally.granted.get() < sessions
                            && tally.refused.get() < refusals; i += THREADS) {
                        connectOnce(port, from.get(i % from.size()), tally);
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
            tally.nanos = System.nanoTime() - (deadline - nanos);
        } finally {
            threads.shutdownNow();
        }
        return tally;
    }

    private static void connectOnce(int port, String from, Tally tally) {
        try (RawWebSocket socket = new RawWebSocket(from, port, 5_000)) {
            socket.sendText("0|1|{\"c\":\"connect\",\"sessionId\":false}".getBytes(StandardCharsets.UTF_8));
            String answer = socket.read().text();
            if (answer.startsWith("0|1|{\"version\":")) {
                tally.granted.incrementAndGet();
            } else if (answer.contains("Too many new sessions from this address")) {
                tally.refused.incrementAndGet();
            } else {
                tally.other.incrementAndGet();
            }
        } catch (IOException e) {
            tally.other.incrementAndGet();
        }
    }

    private static final class Tally {
        final AtomicInteger granted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        long nanos;

        long seconds() {
            return TimeUnit.NANOSECONDS.toSeconds(nanos);
        }

        @Override
        public String toString() {
            return granted + " sessions granted, " + refused + " refused, " + other + " other outcomes in "
                    + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
        }
    }
}
