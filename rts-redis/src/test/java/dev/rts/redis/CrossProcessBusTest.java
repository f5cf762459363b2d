package dev.rts.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster bus on Redis across three server processes, turned on by {@code RTS_REDIS_URL} alone: pub/sub's
 * {@code all}, {@code channel} and {@code user} events reach the matching clients on every server exactly once, and a
 * raw {@code PUBLISH} from outside reaches a client's pub/sub handler.
 */
@Timeout(240)
@ExtendWith(RedisAvailable.class)
class CrossProcessBusTest {

    private static final String PREFIX = RedisAvailable.uniquePrefix();
    private static NodeProcess nodeA;
    private static NodeProcess nodeB;
    private static NodeProcess nodeC;

    @BeforeAll
    static void startNodes() throws Exception {
        Map<String, String> env = Map.of("RTS_REDIS_URL", RedisAvailable.URL, "RTS_REDIS_PREFIX", PREFIX);
        nodeA = NodeProcess.start("bus-a", env);
        nodeB = NodeProcess.start("bus-b", env);
        nodeC = NodeProcess.start("bus-c", env);
        RawRedis.awaitSubscribers(RedisAvailable.PORT, PREFIX + "bus:pubsub:all", 3);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (NodeProcess node : new NodeProcess[] {nodeA, nodeB, nodeC}) {
            if (node != null) {
                node.close();
            }
        }
        try (RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
            for (Object key : (List<?>) raw.command("KEYS", PREFIX + "*")) {
                raw.command("DEL", (String) key);
            }
        } catch (IOException e) {
            // Nothing to clean when Redis is gone.
        }
    }

    private static String event(String text, String channel) {
        return "{\"e\":\"news\",\"p\":[\"" + text + "\"]" + (channel == null ? "" : ",\"c\":\"" + channel + "\"") + "}";
    }

    @Test
    void allReachesTheClientsOfEveryServerExactlyOnce() throws Exception {
        try (NodeClient onA = NodeClient.connect(nodeA, null);
             NodeClient onB = NodeClient.connect(nodeB, null);
             NodeClient onC = NodeClient.connect(nodeC, null)) {
            onA.control(Nodes.publish("all", null, "first"));
            onB.control(Nodes.publish("all", null, "second"));

            for (NodeClient client : List.of(onA, onB, onC)) {
                // One node's events arrive in publish order; a duplicate of "first" would come before "second".
                List<String> two = List.of(client.nextEvent(), client.nextEvent());
                assertThat(two).containsExactlyInAnyOrder(event("first", null), event("second", null));
            }
            onC.control(Nodes.publish("all", null, "third"));
            for (NodeClient client : List.of(onA, onB, onC)) {
                assertThat(client.nextEvent()).isEqualTo(event("third", null));
                assertThat(client.pendingEvents()).isEmpty();
            }
        }
    }

    @Test
    void aChannelEventReachesItsSubscribersOnOtherServersOnly() throws Exception {
        try (NodeClient onA = NodeClient.connect(nodeA, null);
             NodeClient onB = NodeClient.connect(nodeB, null);
             NodeClient onC = NodeClient.connect(nodeC, null)) {
            onB.control(Map.of("subscribe", "lobby"));
            onC.control(Map.of("subscribe", "lobby"));
            RawRedis.awaitSubscribers(RedisAvailable.PORT, PREFIX + "bus:pubsub:channel:lobby", 2);

            assertThat(Nodes.reached(onA.control(Nodes.publish("channel", "lobby", "hello")))).isZero();

            assertThat(onB.nextEvent()).isEqualTo(event("hello", "lobby"));
            assertThat(onC.nextEvent()).isEqualTo(event("hello", "lobby"));
            onA.control(Nodes.publish("all", null, "barrier"));
            assertThat(onA.nextEvent()).isEqualTo(event("barrier", null));
            assertThat(onB.nextEvent()).isEqualTo(event("barrier", null));
            assertThat(onC.nextEvent()).isEqualTo(event("barrier", null));
        }
    }

    @Test
    void aUserEventReachesEveryTabOfTheUserOnEveryServer() throws Exception {
        try (NodeClient onA = NodeClient.connect(nodeA, null);
             NodeClient onB = NodeClient.connect(nodeB, null);
             NodeClient onC = NodeClient.connect(nodeC, null)) {
            onB.control(Map.of("signIn", "carol"));
            onC.control(Map.of("signIn", "carol"));
            RawRedis.awaitSubscribers(RedisAvailable.PORT, PREFIX + "bus:pubsub:user:carol", 2);

            onA.control(Nodes.publish("user", "carol", "for carol"));

            assertThat(onB.nextEvent()).isEqualTo(event("for carol", null));
            assertThat(onC.nextEvent()).isEqualTo(event("for carol", null));
            assertThat(onA.pendingEvents()).isEmpty();
        }
    }

    @Test
    void aRawPublishFromOutsideReachesTheClientsPubSubHandler() throws Exception {
        try (NodeClient onB = NodeClient.connect(nodeB, null)) {
            onB.control(Map.of("subscribe", "alerts"));
            RawRedis.awaitSubscribers(RedisAvailable.PORT, PREFIX + "bus:pubsub:channel:alerts", 1);

            try (RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
                raw.command("PUBLISH", PREFIX + "bus:pubsub:channel:alerts",
                        "1|billing-system|{\"e\":\"news\",\"p\":[\"invoice paid\"],\"c\":\"alerts\"}");
                raw.command("PUBLISH", PREFIX + "bus:pubsub:all", "1|billing-system|{\"e\":\"news\",\"p\":[\"to all\"]}");
            }

            assertThat(onB.nextEvent()).isEqualTo(event("invoice paid", "alerts"));
            assertThat(onB.nextEvent()).isEqualTo(event("to all", null));
        }
    }
}
