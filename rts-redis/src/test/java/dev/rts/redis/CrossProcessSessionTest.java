package dev.rts.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions in Redis across server processes: two nodes in their own JVMs, turned on by {@code RTS_REDIS_URL} alone,
 * with real WebSocket clients on each.
 */
@Timeout(180)
@ExtendWith(RedisAvailable.class)
class CrossProcessSessionTest {

    private static final String PREFIX = RedisAvailable.uniquePrefix();
    private static TwoNodes nodes;
    private static NodeProcess nodeA;
    private static NodeProcess nodeB;

    @BeforeAll
    static void startNodes() {
        nodes = TwoNodes.start("session", PREFIX);
        nodeA = nodes.a;
        nodeB = nodes.b;
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static Map<String, Object> signIn(String user) {
        return Map.of("signIn", user);
    }

    @Test
    void aClientMovingToAnotherServerKeepsItsSessionUserAndChannels() throws Exception {
        String sessionId;
        try (NodeClient onA = NodeClient.connect(nodeA, null)) {
            sessionId = onA.sessionId();
            onA.control(signIn("alice"));
            onA.control(Map.of("subscribe", "room1"));
        }

        try (NodeClient onB = NodeClient.connect(nodeB, sessionId)) {
            Map<?, ?> me = onB.control(Map.of("channels", true));
            assertThat(me.get("session")).isEqualTo(sessionId);
            assertThat(me.get("user")).isEqualTo("alice");
            assertThat(me.get("channels")).isEqualTo(List.of("room1"));
            assertThat(Nodes.reached(onB.control(Nodes.publish("channel", "room1", "moved")))).isEqualTo(1);
            assertThat(onB.nextEvent()).isEqualTo("{\"e\":\"news\",\"p\":[\"moved\"],\"c\":\"room1\"}");
        }
    }

    @Test
    void aSessionOpenOnTwoServersSeesSignInSubscribeAndSignOutMadeOnTheOther() throws Exception {
        try (NodeClient onA = NodeClient.connect(nodeA, null);
             NodeClient onB = NodeClient.connect(nodeB, onA.sessionId())) {
            onA.control(signIn("bob"));
            onB.controlUntil(Map.of("whoami", true), answer -> "bob".equals(answer.get("user")));

            onA.control(Map.of("subscribe", "room2"));
            onB.controlUntil(Nodes.publish("channel", "room2", "both"), answer -> Nodes.reached(answer) == 1);
            assertThat(onB.nextEvent()).isEqualTo("{\"e\":\"news\",\"p\":[\"both\"],\"c\":\"room2\"}");

            onA.control(Map.of("signOut", true));
            onB.controlUntil(Map.of("whoami", true), answer -> Objects.isNull(answer.get("user")));
        }
    }

    @Test
    void aSessionMadeOnAConnectKeepsTheAnonymousMaxAgeUntilAnotherServerLoadsIt() throws Exception {
        try (NodeClient onA = NodeClient.connect(nodeA, null);
             RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
            String key = PREFIX + "session:" + onA.sessionId();
            // The server's defaults, reaching the store made from RTS_REDIS_URL: 5 minutes, then 1 day.
            assertThat((Long) raw.command("PTTL", key)).isBetween(240_000L, 300_000L);
            try (NodeClient onB = NodeClient.connect(nodeB, onA.sessionId())) {
                assertThat(onB.sessionId()).isEqualTo(onA.sessionId());
                assertThat((Long) raw.command("PTTL", key)).isBetween(86_340_000L, 86_400_000L);
            }
        }
    }
}
