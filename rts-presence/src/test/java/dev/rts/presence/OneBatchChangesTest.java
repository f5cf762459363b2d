package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several changes of one entry within one batch: listeners see what the batch changed, from what was there before it
 * to what is there after it.
 */
@Timeout(30)
class OneBatchChangesTest {

    /** Long enough that the changes of each test fall into one batch. */
    private static final Duration BATCH = Duration.ofSeconds(2);

    private final TestServer server = TestServer.builder()
            .service(Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL).batchInterval(BATCH).build())
            .timeout(BATCH.multipliedBy(3))
            .start();
    private final Presence presence = server.api().get("presence", Presence.class);
    private final Peers.Recording events = new Peers.Recording();

    {
        presence.addListener(events);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private TestClient signedIn(String user) {
        TestClient client = server.client();
        server.session(client.sessionId()).setUserId(user);
        return client;
    }

    @Test
    void aJoinFollowedByAnUpdateInOneBatchIsAJoin() throws Exception {
        TestClient ann = signedIn("ann");
        Peers.ok(ann, "{\"join\":\"room\",\"meta\":{\"typing\":false}}");
        Peers.ok(ann, "{\"update\":\"room\",\"meta\":{\"typing\":true}}");

        assertThat(events.next(server.timeout())).isEqualTo("join room ann");
    }

    @Test
    void aJoinFollowedByALeaveInOneBatchIsNothing() throws Exception {
        TestClient bob = signedIn("bob");
        TestClient ann = signedIn("ann");
        Peers.ok(bob, "{\"join\":\"room\",\"meta\":{}}");
        Peers.ok(bob, "{\"leave\":\"room\"}");
        Peers.ok(ann, "{\"join\":\"room\",\"meta\":{}}");

        // Ann's join comes in the same batch: the first event must be hers, with nothing about bob.
        assertThat(events.next(server.timeout())).isEqualTo("join room ann");
        events.assertNoneWithin(Duration.ZERO);
    }
}
