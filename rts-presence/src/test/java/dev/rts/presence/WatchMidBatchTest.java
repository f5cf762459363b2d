package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A watch that starts in the middle of a batch: its sync (or count) already shows the batch's earlier changes, so the
 * diffs it gets after must start from there. A member that joined and left within the batch was in the sync and must
 * be seen leaving.
 */
@Timeout(30)
class WatchMidBatchTest {

    /** Long enough that join, watch and leave fall into one batch. */
    private static final Duration BATCH = Duration.ofSeconds(2);

    @SuppressWarnings("unchecked")
    @Test
    void aMemberThatJoinedBeforeTheWatchAndLeftAfterItInOneBatchIsSeenLeaving() {
        try (TestServer server = TestServer.builder()
                .service(Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL).batchInterval(BATCH).build())
                .timeout(BATCH.multipliedBy(3))
                .start()) {
            TestClient ann = server.client();
            TestClient lister = server.client();
            TestClient counter = server.client();
            String ref = (String) Peers.ok(ann, "{\"join\":\"room\",\"meta\":{\"name\":\"Ann\"}}").get("ref");

            Map<String, Object> sync = Peers.watch(lister, "room", false);
            Map<String, List<Map<String, Object>>> members = (Map<String, List<Map<String, Object>>>) sync.get("s");
            assertThat(members.values()).singleElement()
                    .isEqualTo(List.of(Map.of("name", "Ann", "ref", ref)));
            assertThat(Peers.watch(counter, "room", true)).isEqualTo(Map.of("count", "room", "n", 1L));

            Peers.ok(ann, "{\"leave\":\"room\"}");

            Map<String, Object> diff = Peers.next(lister);
            assertThat(diff).containsEntry("diff", "room").containsEntry("j", Map.of());
            assertThat(((Map<String, List<Map<String, Object>>>) diff.get("l")).values()).singleElement()
                    .isEqualTo(List.of(Map.of("name", "Ann", "ref", ref)));
            assertThat(Peers.next(counter)).isEqualTo(Map.of("count", "room", "n", 0L));
        }
    }
}
