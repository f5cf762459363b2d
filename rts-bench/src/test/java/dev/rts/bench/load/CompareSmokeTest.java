package dev.rts.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every end-to-end scenario once against every peer with tiny counts, through the same code path as
 * {@code compare.sh}: fresh server processes, the NIO client, the report. Proves the harness works; asserts no timing.
 * The Socket.IO peer runs when Node is installed (it installs socket.io from the npm registry on first use).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CompareSmokeTest {

    @TempDir
    Path temp;

    @Test
    void everyScenarioRunsAgainstEveryPeerAndTheReportHasTheirTables() throws Exception {
        List<Peer> peers = Peer.all().stream().filter(p -> !p.name().equals("socketio") || nodeInstalled()).toList();
        Settings smoke = Settings.smoke();
        List<Result> results = Compare.run(peers, Compare.SCENARIOS, smoke, 1, Path.of("."), temp.resolve("logs"));

        assertThat(results).hasSize(Compare.SCENARIOS.size() * peers.size());
        for (Result result : results) {
            assertThat(result.note()).as(result.toString()).isEmpty();
            assertThat(result.figures().get("load")).as(result.toString()).isNotNull();
            switch (result.scenario()) {
                case "rpc" -> assertThat(result.figures().get("per conn min")).as(result.toString()).isPositive();
                case "fanout-blast" -> assertThat(result.figures().get("delivered %")).as(result.toString())
                        .isEqualTo(100.0);
                case "fanout-paced" -> assertThat(result.figures().get("deliveries/s")).as(result.toString())
                        .isPositive();
                case "idle" -> assertThat(result.figures().get("connections")).as(result.toString())
                        .isEqualTo((double) smoke.idleConnections());
                default -> throw new AssertionError("Unexpected scenario " + result);
            }
        }

        Path report = temp.resolve("BENCHMARKS.md");
        Files.writeString(report, "# Benchmarks\n\nHand-written reading.\n");
        Report.write(report, results, peers, smoke, 1, Duration.ofSeconds(1), "--smoke");
        Report.write(report, results, peers, smoke, 1, Duration.ofSeconds(1), "--smoke");
        String text = Files.readString(report);
        assertThat(text).startsWith("# Benchmarks\n\nHand-written reading.\n")
                .contains("#### rpc", "#### fanout-blast", "#### fanout-paced", "#### idle", "| round trips/s |",
                        "#### Targets");
        assertThat(text.indexOf(Report.BEGIN)).as("a second run replaces the generated part")
                .isEqualTo(text.lastIndexOf(Report.BEGIN));
    }

    private static boolean nodeInstalled() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
