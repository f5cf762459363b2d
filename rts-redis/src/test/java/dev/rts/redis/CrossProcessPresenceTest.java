package dev.rts.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence across server processes on the Redis bus: a member on one server is listed on the other, and after
 * {@code kill -9} of its server (no goodbye) it vanishes there within the node timeout.
 */
@Timeout(180)
@ExtendWith(RedisAvailable.class)
class CrossProcessPresenceTest {

    private static final String PREFIX = RedisAvailable.uniquePrefix();
    private static TwoNodes nodes;
    private static NodeProcess nodeA;
    private static NodeProcess nodeB;

    @BeforeAll
    static void startNodes() {
        nodes = TwoNodes.start("presence", PREFIX);
        nodeA = nodes.a;
        nodeB = nodes.b;
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aKilledServersMembersVanishFromTheOtherWithinTheNodeTimeout() throws Exception {
        try (NodeClient onA = NodeClient.connect(nodeA, null);
             NodeClient onB = NodeClient.connect(nodeB, null)) {
            onA.control(Map.of("track", "lobby"));
            onB.controlUntil(Map.of("members", "lobby"), answer -> ((List<?>) answer.get("members")).size() == 1);

            nodeA.kill();
            long killed = System.nanoTime();
            onB.controlUntil(Map.of("members", "lobby"), answer -> ((List<?>) answer.get("members")).isEmpty());
            long millis = (System.nanoTime() - killed) / 1_000_000;

            assertThat(millis).as("ms until the killed server's member vanished").isLessThan(
                    ClusterNode.NODE_TIMEOUT_SECONDS * 1000L + 5_000);
        }
    }
}
