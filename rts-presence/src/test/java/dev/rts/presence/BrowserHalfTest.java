package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Session;
import dev.rts.testkit.NodeScript;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser half in clients with only the 2013 service contract (no {@code status}, {@code onerror} or
 * {@code api}), against a real server, run by Node: it joins, watches, folds the sync and the diffs into joins,
 * updates and leaves, and hands a refusal to its callback without throwing. Skipped where Node is missing, outside CI.
 */
@Timeout(90)
class BrowserHalfTest {

    @Test
    void theHalfWorksInAClientWithOnlyThe2013Contract() {
        PresenceAuthorizer roomOnly = new PresenceAuthorizer() {
            @Override
            public boolean mayJoin(Session session, String topic) {
                return topic.equals("room");
            }

            @Override
            public boolean mayWatch(Session session, String topic) {
                return topic.equals("room");
            }
        };
        try (TestServer server = TestServer.builder().realWebSocket(true)
                .service(Presence.builder().authorizer(roomOnly).build()).start();
             NodeScript node = NodeScript.start(server, BrowserHalfTest.class.getResource("presence-2013.mjs"))) {
            assertThat(node.result()).isEqualTo("{\"annJoined\":\"string\",\"bobJoined\":\"string\","
                    + "\"refused\":\"error: Not allowed to join presence topic 'staff': the server's "
                    + "PresenceAuthorizer refused it\","
                    + "\"seen\":[\"join Ann\",\"join Bob\",\"update Bobby\",\"leave Bobby\"],"
                    + "\"list\":[\"Ann\"],\"count\":1}");
        }
    }

    @Test
    void aJoinThatTheSyncAlreadyShowedIsNotReportedAgainAsAnUpdate() {
        // A long batch: Ann's join is still waiting in it when her watch's sync lists her.
        try (TestServer server = TestServer.builder().realWebSocket(true)
                .service(Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL)
                        .batchInterval(Duration.ofSeconds(2)).build()).start();
             NodeScript node = NodeScript.start(server, BrowserHalfTest.class.getResource(
                     "presence-2013-repeat.mjs"))) {
            assertThat(node.result()).isEqualTo("[\"join Ann\",\"join Bob\"]");
        }
    }

    @Test
    void aJoinWhoseAnswerWasLostToAClosedConnectionIsJoinedAgainAfterTheReconnect() {
        try (TestServer server = TestServer.builder().realWebSocket(true)
                .service(Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL).build()).start();
             NodeScript node = NodeScript.start(server, BrowserHalfTest.class.getResource("presence-rejoin.mjs"))) {
            assertThat(node.result())
                    .isEqualTo("{\"lost\":\"Connection closed before a reply\",\"rejoined\":true}");
        }
    }
}
