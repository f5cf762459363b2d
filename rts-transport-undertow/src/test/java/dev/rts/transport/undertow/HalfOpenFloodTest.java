package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.core.RtsServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The finding: 20,400 sockets that each sent half a request head used every file descriptor of the server, and a
 * normal client could not connect for as long as they stayed. Here a child JVM (its sockets count against its own
 * descriptor limit) makes 20,000 such requests from 127.0.0.2, holding every socket the server keeps open; meanwhile
 * and afterwards a normal client from 127.0.0.1 must complete the WebSocket upgrade and the RTS handshake within a
 * second, with the server's default limits.
 */
@Timeout(120)
class HalfOpenFloodTest {

    private static final int ATTACKERS = 1;
    private static final int SOCKETS_EACH = 20_000;
    private static final Duration ADMISSION = Duration.ofSeconds(1);

    @Test
    void twentyThousandHalfOpenRequestsFromOneAddressDoNotKeepANormalClientOut() throws Exception {
        // Up to 200 normal clients connect from 127.0.0.1, each with a new session: on a fast machine that is past the
        // per-address new-session limit (tested in SessionFloodTest), which is not what this test is about.
        RtsServer server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0)
                .newSessionsPerAddress(Integer.MAX_VALUE, Integer.MAX_VALUE)
                .service(new TestServices.Echo()).build();
        server.start();
        List<Process> attackers = new ArrayList<>();
        try {
            int port = server.port();
            // Warm up: the first WebSocket client in a JVM spends seconds loading classes, which is not the server.
            admit(port);
            for (int i = 0; i < ATTACKERS; i++) {
                attackers.add(new ProcessBuilder(javaCommand(), "-Xmx128m", "-cp",
                        SessionFloodTest.classPath(), HalfOpenAttacker.class.getName(),
                        String.valueOf(port), String.valueOf(SOCKETS_EACH), "127.0.0.2")
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            // While the attackers open their sockets, normal clients keep arriving.
            long worstDuringNanos = 0;
            int during = 0;
            while (attackers.stream().allMatch(p -> !hasOutput(p)) && during < 200) {
                worstDuringNanos = Math.max(worstDuringNanos, admit(port));
                during++;
            }
            List<String> reports = new ArrayList<>();
            for (Process attacker : attackers) {
                BufferedReader out = new BufferedReader(new InputStreamReader(attacker.getInputStream(),
                        StandardCharsets.US_ASCII));
                reports.add(out.readLine());
            }
            long after = admit(port);
            System.out.printf("%d x %d half-open requests from 127.0.0.2: %s; %d normal clients admitted during "
                            + "the flood, slowest in %d ms; afterwards in %d ms%n", ATTACKERS, SOCKETS_EACH, reports,
                    during, TimeUnit.NANOSECONDS.toMillis(worstDuringNanos), TimeUnit.NANOSECONDS.toMillis(after));

            assertThat(reports).allSatisfy(report -> assertThat(report).startsWith("attempts " + SOCKETS_EACH));
            assertThat(Duration.ofNanos(worstDuringNanos)).isLessThan(ADMISSION);
            assertThat(Duration.ofNanos(after)).isLessThan(ADMISSION);
        } finally {
            for (Process attacker : attackers) {
                attacker.getOutputStream().close();
                if (!attacker.waitFor(10, TimeUnit.SECONDS)) {
                    attacker.destroyForcibly();
                }
            }
            server.stop();
        }
    }

    /** Connects a normal client and completes the handshake; returns how long it took. */
    private static long admit(int port) {
        long started = System.nanoTime();
        TestSocket socket = TestSocket.connected(port);
        long took = System.nanoTime() - started;
        socket.abort();
        return took;
    }

    private static boolean hasOutput(Process process) {
        try {
            return process.getInputStream().available() > 0 || !process.isAlive();
        } catch (IOException e) {
            return true;
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
