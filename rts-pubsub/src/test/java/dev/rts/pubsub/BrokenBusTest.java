package dev.rts.pubsub;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.ClusterBus;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A bus adapter that throws instead of failing its stage costs other nodes' events, never local delivery. */
@Timeout(20)
class BrokenBusTest {

    /** Takes the {@code all} topic, then throws for every other (un)subscription, as a disconnected broker might. */
    static final class ThrowingBus implements ClusterBus {
        @Override
        public String nodeId() {
            return "broken";
        }

        @Override
        public CompletionStage<Void> publish(String topic, byte[] message) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> subscribe(String topic, Listener listener) {
            if (topic.endsWith(":all")) {
                return CompletableFuture.completedFuture(null);
            }
            throw new IllegalStateException("Broker connection lost");
        }

        @Override
        public CompletionStage<Void> unsubscribe(String topic, Listener listener) {
            throw new IllegalStateException("Broker connection lost");
        }

        @Override
        public void addLinkListener(LinkListener listener) {
        }

        @Override
        public void removeLinkListener(LinkListener listener) {
        }

        @Override
        public void close() {
        }
    }

    private final TestServer server = TestServer.builder()
            .service(PubSub.builder().build())
            .configure(b -> b.clusterBus(new ThrowingBus()))
            .start();
    private final PubSub pubsub = server.api().get("pubsub", PubSub.class);

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void channelsAndUsersStillWorkOnThisNode() {
        TestClient client = server.client();
        SessionChannels channels = pubsub.channels(client.sessionId());

        assertThat(channels.subscribe("disney")).isTrue();
        server.session(client.sessionId()).setUserId("ann");

        assertThat(pubsub.channel("disney", "chatMessage", "Mickey")).isEqualTo(1);
        assertThat(client.nextMessage("pubsub")).hasText("{\"e\":\"chatMessage\",\"p\":[\"Mickey\"],\"c\":\"disney\"}");
        assertThat(pubsub.user("ann", "mail", 1)).isEqualTo(1);
        assertThat(client.nextMessage("pubsub")).hasText("{\"e\":\"mail\",\"p\":[1]}");

        assertThat(channels.unsubscribe("disney")).isTrue();
        assertThat(pubsub.channel("disney", "chatMessage", "Goofy")).isZero();
        client.assertNoMoreMessages();
    }
}
