package dev.rts.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis stopped and started again under two running servers (a private redis-server on a spare port; the shared one
 * is untouched): local delivery goes on during the outage, and cross-server delivery resumes after it.
 */
@Timeout(240)
@ExtendWith(RedisAvailable.class)
class RedisOutageTest {

    private static String event(String text) {
        return "{\"e\":\"news\",\"p\":[\"" + text + "\"]}";
    }

    @Test
    void localDeliveryGoesOnDuringAnOutageAndCrossServerDeliveryResumesAfterIt() throws Exception {
        assertThat(PrivateRedis.installed()).as("redis-server is on the PATH (.ci/run installs it)").isTrue();
        try (PrivateRedis redis = new PrivateRedis(RedisAvailable.freePort())) {
            redis.start();
            Map<String, String> env = Map.of("RTS_REDIS_URL", redis.url());
            try (NodeProcess nodeA = NodeProcess.start("outage-a", env);
                 NodeProcess nodeB = NodeProcess.start("outage-b", env);
                 NodeClient onA = NodeClient.connect(nodeA, null);
                 NodeClient onB = NodeClient.connect(nodeB, null)) {
                RawRedis.awaitSubscribers(redis.port(), "rts:bus:pubsub:all", 2);
                onA.control(Nodes.publish("all", null, "before"));
                assertThat(onA.nextEvent()).isEqualTo(event("before"));
                assertThat(onB.nextEvent()).isEqualTo(event("before"));

                redis.stop();
                assertThat(Nodes.reached(onA.control(Nodes.publish("all", null, "during")))).isEqualTo(1);
                assertThat(onA.nextEvent()).isEqualTo(event("during"));

                redis.start();
                RawRedis.awaitSubscribers(redis.port(), "rts:bus:pubsub:all", 2);
                // Lettuce reconnects A's two connections each on its own backoff: B's subscription being back says
                // nothing of A's command connection, and a publish while it is still down is lost by design.
                onA.controlUntil(Map.of("restored", true), answer -> ((Number) answer.get("restored")).intValue() >= 1);
                onA.control(Nodes.publish("all", null, "after"));
                assertThat(onB.nextEvent()).isEqualTo(event("after"));
                assertThat(onA.nextEvent()).isEqualTo(event("after"));
                assertThat(onB.pendingEvents()).isEmpty();
            }
        }
        assertThat(Files.readString(Path.of("target", "nodes", "outage-a.log")))
                .contains("Lost Redis at redis://127.0.0.1:")
                .containsPattern("Redis at redis://127\\.0\\.0\\.1:\\d+/0 is back after \\d+ ms; [1-9]\\d* message\\(s\\) "
                        + "published meanwhile were lost for the other servers");
    }
}
