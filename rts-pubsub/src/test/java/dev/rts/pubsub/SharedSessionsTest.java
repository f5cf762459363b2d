package dev.rts.pubsub;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.AttributeChange;
import dev.rts.testkit.SharedSessionStore;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two servers sharing sessions (as two processes on one Redis do): a subscription changed on one server is followed
 * by the other, where the session has its socket, without a reconnect.
 */
@Timeout(20)
class SharedSessionsTest {

    private final SharedSessionStore sessions = new SharedSessionStore();
    private final ConnectionProbe probeB = new ConnectionProbe();
    private final TestServer serverA = TestServer.builder()
            .configure(b -> b.sessionStore(sessions.node()))
            .service(PubSub.builder().build())
            .start();
    private final TestServer serverB = TestServer.builder()
            .configure(b -> b.sessionStore(sessions.node()))
            .service(PubSub.builder().build())
            .service(probeB)
            .start();
    private final PubSub pubsubA = serverA.api().get("pubsub", PubSub.class);
    private final PubSub pubsubB = serverB.api().get("pubsub", PubSub.class);

    @AfterEach
    void stop() {
        serverA.stop();
        serverB.stop();
    }

    @Test
    void aSubscriptionMadeOnAnotherServerDeliversTheChannelHere() {
        TestClient onB = serverB.client();
        probeB.awaitConnect(serverB.timeout());

        pubsubA.channels(onB.sessionId()).subscribe("room1");

        assertThat(probeB.awaitAttributeChange(serverB.timeout()))
                .isEqualTo(new AttributeChange(onB.sessionId(), "pubsub.channels"));
        assertThat(pubsubB.channel("room1", "said", "hi")).isEqualTo(1);
        assertThat(onB.nextMessage("pubsub")).hasText("{\"e\":\"said\",\"p\":[\"hi\"],\"c\":\"room1\"}");
    }

    @Test
    void anUnsubscribeMadeOnAnotherServerStopsTheChannelHere() {
        TestClient onB = serverB.client();
        probeB.awaitConnect(serverB.timeout());
        pubsubB.channels(onB.sessionId()).subscribe("room1");

        pubsubA.channels(onB.sessionId()).unsubscribe("room1");

        probeB.awaitAttributeChange(serverB.timeout());
        assertThat(pubsubB.channel("room1", "said", "hi")).isZero();
        assertThat(pubsubB.channels(onB.sessionId()).list()).isEmpty();
    }
}
