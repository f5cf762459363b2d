package dev.rts.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages in RTS's Redis channels that no RTS server wrote (another app, an older version, an attacker with access to
 * Redis): two servers in their own JVMs skip them and go on working.
 */
@Timeout(180)
@ExtendWith(RedisAvailable.class)
class ForeignBusMessagesTest {

    private static final String PREFIX = RedisAvailable.uniquePrefix();
    private static TwoNodes nodes;
    private static NodeProcess nodeA;
    private static NodeProcess nodeB;

    @BeforeAll
    static void startNodes() {
        nodes = TwoNodes.start("foreign", PREFIX);
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
    void aPresenceDeltaWithoutAKeyIsSkippedAndPresenceGoesOnAcrossServers() throws Exception {
        try (NodeClient onA = NodeClient.connect(nodeA, null);
             NodeClient onB = NodeClient.connect(nodeB, null);
             RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
            RawRedis.awaitSubscribers(RedisAvailable.PORT, PREFIX + "bus:presence:sync", 2);
            // A delta whose entry names no member key, then a well-formed one from another foreign node: once the
            // second shows on A, A has handled the first.
            raw.command("PUBLISH", PREFIX + "bus:presence:sync",
                    "{\"v\":\"1\",\"type\":\"d\",\"n\":\"foreign-1\",\"e\":\"e1\",\"s\":1,"
                            + "\"ops\":[{\"r\":\"r1\",\"t\":\"hall\",\"m\":{}}]}");
            raw.command("PUBLISH", PREFIX + "bus:presence:sync",
                    "{\"v\":\"1\",\"type\":\"d\",\"n\":\"foreign-2\",\"e\":\"e2\",\"s\":1,"
                            + "\"ops\":[{\"r\":\"r2\",\"t\":\"hall\",\"k\":\"visitor\",\"m\":{}}]}");
            onA.controlUntil(Map.of("members", "hall"), answer -> ((List<?>) answer.get("members"))
                    .contains("visitor"));

            onA.control(Map.of("track", "lobby"));
            onB.controlUntil(Map.of("members", "lobby"), answer -> ((List<?>) answer.get("members")).size() == 1);
        }
    }

    @Test
    void aFloodOfForeignMessagesIsLoggedAFewTimesNotOnceEach() throws Exception {
        try (NodeClient onA = NodeClient.connect(nodeA, null);
             RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
            RawRedis.awaitSubscribers(RedisAvailable.PORT, PREFIX + "bus:pubsub:all", 2);
            for (int i = 0; i < 200; i++) {
                raw.command("PUBLISH", PREFIX + "bus:pubsub:all", "2|old-version|" + i);
                raw.command("PUBLISH", PREFIX + "bus:presence:sync", "not json " + i);
            }
            // Messages reach a server in the order Redis took them: once this one arrived, so had the flood.
            raw.command("PUBLISH", PREFIX + "bus:pubsub:all", "1|foreign|{\"e\":\"news\",\"p\":[\"after\"]}");
            assertThat(onA.nextEvent()).isEqualTo("{\"e\":\"news\",\"p\":[\"after\"]}");
        }
        List<String> log = Files.readAllLines(Path.of("target", "nodes", "foreign-a.log"));
        assertThat(log.stream().filter(line -> line.contains("Dropped a bus message")).count()).isLessThan(5);
        assertThat(log.stream().filter(line -> line.contains("Dropped a presence bus message")).count())
                .isLessThan(5);
    }
}
