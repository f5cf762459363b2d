package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A mass join reaches each watcher as a bounded number of diffs, and the list it folds is exact. */
@Timeout(60)
class BatchingTest {

    private static final int JOINS = 1000;

    @Test
    @SuppressWarnings("unchecked")
    void aThousandJoinsReachAWatcherInFewFramesAndTheFoldedListIsExact() {
        try (TestServer server = TestServer.builder()
                .service(Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL)
                        .batchInterval(Duration.ofMillis(50)).build())
                .timeout(Duration.ofSeconds(20))
                .start()) {
            Presence presence = server.api().get("presence", Presence.class);
            TestClient watcher = server.client();
            Peers.watch(watcher, "stadium", false);
            List<TestClient> fans = new ArrayList<>();
            for (int i = 0; i < JOINS; i++) {
                fans.add(server.client());
            }
            long start = System.nanoTime();
            for (TestClient fan : fans) {
                fan.send("presence", "{\"join\":\"stadium\",\"meta\":{\"seat\":" + fans.indexOf(fan) + "}}");
            }

            Map<String, List<Map<String, Object>>> folded = new HashMap<>();
            int frames = 0;
            while (folded.size() < JOINS) {
                Map<String, Object> diff = Peers.next(watcher);
                frames++;
                assertThat(diff).containsEntry("diff", "stadium").containsEntry("l", Map.of());
                folded.putAll((Map<String, List<Map<String, Object>>>) diff.get("j"));
            }
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertThat(new TreeSet<>(folded.keySet())).isEqualTo(new TreeSet<>(presence.list("stadium").stream()
                    .map(Presence.Member::key).toList()));
            assertThat(folded.values()).allSatisfy(metas -> assertThat(metas).hasSize(1));
            // One diff per 50 ms batch at most, plus one for a batch cut in two by the start.
            assertThat(frames).isLessThanOrEqualTo((int) (millis / 50) + 2).isLessThan(JOINS / 10);
            watcher.assertNoMessageWithin("presence", Duration.ofMillis(150));
            System.out.printf("presence batching: %d joins reached the watcher in %d frames within %d ms%n", JOINS,
                    frames, millis);
        }
    }
}
