package dev.rts.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A session change published while one server's link to Redis is down reaches that server once the link is back:
 * two servers in their own JVMs on a private redis-server, each logging in as its own ACL user, so that one server
 * alone can be cut off (its user disabled and its connections killed; its reconnects fail until the user is enabled
 * again) while the other one and Redis carry on. Fails without the reload: A keeps the signed-out user for good.
 */
@Timeout(180)
@ExtendWith(RedisAvailable.class)
class MissedSessionChangesTest {

    private static String event(String text) {
        return "{\"e\":\"news\",\"p\":[\"" + text + "\"]}";
    }

    @Test
    void aSignOutAndASubscriptionMadeWhileAServerWasCutOffReachItOnceItsLinkIsBack() throws Exception {
        assertThat(PrivateRedis.installed()).as("redis-server is on the PATH (.ci/run installs it)").isTrue();
        try (PrivateRedis redis = new PrivateRedis(RedisAvailable.freePort());
             AutoCloseable stop = redis::stop) {
            redis.start();
            String url = "127.0.0.1:" + redis.port();
            try (RawRedis admin = new RawRedis(redis.port())) {
                admin.command("ACL", "SETUSER", "node-a", "on", ">secret-a", "~*", "&*", "+@all");
                admin.command("ACL", "SETUSER", "node-b", "on", ">secret-b", "~*", "&*", "+@all");
                // Nobody logs in without a user (this connection stays logged in as the default user).
                admin.command("ACL", "SETUSER", "default", "off");
                try (NodeProcess nodeA = NodeProcess.start("missed-a",
                             Map.of("RTS_REDIS_URL", "redis://node-a:secret-a@" + url));
                     NodeProcess nodeB = NodeProcess.start("missed-b",
                             Map.of("RTS_REDIS_URL", "redis://node-b:secret-b@" + url));
                     NodeClient onA = NodeClient.connect(nodeA, null);
                     NodeClient onB = NodeClient.connect(nodeB, onA.sessionId())) {
                    // One session open on both servers, signed in as carol.
                    onA.control(Map.of("signIn", "carol"));
                    onB.controlUntil(Map.of("whoami", true), answer -> "carol".equals(answer.get("user")));
                    assertThat(Nodes.reached(onA.control(Nodes.publish("user", "carol", "before")))).isEqualTo(1);
                    assertThat(onA.nextEvent()).isEqualTo(event("before"));
                    assertThat(onB.nextEvent()).isEqualTo(event("before"));

                    // A is cut off from Redis: both its connections are closed and it cannot log in again.
                    admin.command("ACL", "SETUSER", "node-a", "off");
                    assertThat((Long) admin.command("CLIENT", "KILL", "USER", "node-a")).isEqualTo(2L);

                    // Meanwhile the session signs out on B and joins a channel there: A hears neither change.
                    onB.control(Map.of("signOut", true));
                    onB.control(Map.of("subscribe", "room-9"));
                    assertThat((String) admin.command("CLIENT", "LIST")).doesNotContain("user=node-a");

                    admin.command("ACL", "SETUSER", "node-a", "on");
                    onA.controlUntil(Map.of("restored", true),
                            answer -> ((Number) answer.get("restored")).intValue() >= 1);

                    // A reloads the session: signed out, and in room-9. Services hear of it just after the session
                    // changed, so A's pub/sub may need a moment to reach room-9's socket here.
                    onA.controlUntil(Map.of("whoami", true), answer -> Objects.isNull(answer.get("user")));
                    onA.controlUntil(Map.of("channels", true), answer -> List.of("room-9").equals(answer.get("channels")));
                    onA.controlUntil(Nodes.publish("channel", "room-9", "in-room"), answer -> Nodes.reached(answer) == 1);
                    assertThat(onA.nextEvent()).isEqualTo("{\"e\":\"news\",\"p\":[\"in-room\"],\"c\":\"room-9\"}");
                    assertThat(Nodes.reached(onA.control(Nodes.publish("user", "carol", "after")))).isZero();

                    // Carol's events from B no longer reach the signed-out socket on A: B's publishes reach A in
                    // order, so the 'all' event that follows comes first.
                    onB.control(Nodes.publish("user", "carol", "from-b"));
                    onB.control(Nodes.publish("all", null, "marker"));
                    assertThat(onA.nextEvent()).isEqualTo(event("marker"));
                    assertThat(onA.pendingEvents()).isEmpty();
                }
            }
        }
        assertThat(Files.readString(Path.of("target", "nodes", "missed-a.log")))
                .contains("Reloading 1 session(s) in use from the session store")
                .contains("Reloaded 1 session(s) from the session store; 1 differed here");
    }
}
