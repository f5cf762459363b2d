package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.SilentSocket;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A browser whose network vanished: no close frame, no pongs. The server's idle timeout, then the grace period. */
@Timeout(20)
class DroppedConnectionTest {

    private static final Duration IDLE = Duration.ofMillis(400);
    private static final Duration GRACE = Duration.ofMillis(300);

    @Test
    void aConnectionThatDiesWithoutACloseFrameLeavesAfterTheIdleTimeoutPlusTheGracePeriod() throws Exception {
        try (TestServer server = TestServer.builder()
                .realWebSocket(true)
                .configure(b -> b.idleTimeout(IDLE).pingInterval(Duration.ofMillis(100)))
                .service(Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL).gracePeriod(GRACE)
                        .batchInterval(Duration.ofMillis(20)).build())
                .start()) {
            TestClient watcher = server.client();
            Peers.watch(watcher, "room", false);

            try (SilentSocket vanished = SilentSocket.open(server.rtsServer().port(),
                    "1|{\"join\":\"room\",\"meta\":{\"name\":\"Gone\"},\"r\":1}")) {
                Map<String, Object> joined = Peers.next(watcher);
                long lastHeard = System.nanoTime();
                @SuppressWarnings("unchecked")
                Map<String, List<Map<String, Object>>> joins = (Map<String, List<Map<String, Object>>>) joined.get("j");
                assertThat(joins.values()).singleElement().satisfies(metas ->
                        assertThat(metas).singleElement().satisfies(m -> assertThat(m).containsEntry("name", "Gone")));

                Map<String, Object> left = Peers.next(watcher);

                assertThat(left).containsEntry("j", Map.of()).containsEntry("l", joins);
                assertThat(Duration.ofNanos(System.nanoTime() - lastHeard)).isGreaterThanOrEqualTo(GRACE);
                assertThat(server.api().get("presence", Presence.class).count("room")).isZero();
            }
        }
    }
}
