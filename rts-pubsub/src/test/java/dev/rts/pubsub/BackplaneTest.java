package dev.rts.pubsub;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.pubsub.internal.InProcessBackplane;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two server processes, simulated by two servers in this JVM sharing an in-process backplane. */
@Timeout(20)
class BackplaneTest {

    private static final Duration QUIET = Duration.ofMillis(100);

    /** Records what the nodes publish, on top of the in-process bus. */
    static final class RecordingBackplane implements Backplane {
        final InProcessBackplane bus = (InProcessBackplane) Backplane.inProcess();
        final List<String> published = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> publish(String topic, byte[] message) {
            published.add(topic + " " + new String(message, StandardCharsets.UTF_8));
            return bus.publish(topic, message);
        }

        @Override
        public CompletionStage<Void> subscribe(String topic, Listener listener) {
            return bus.subscribe(topic, listener);
        }

        @Override
        public CompletionStage<Void> unsubscribe(String topic, Listener listener) {
            return bus.unsubscribe(topic, listener);
        }

        @Override
        public void close() {
            bus.close();
        }

        Set<String> topics() {
            return bus.topics();
        }
    }

    private final RecordingBackplane backplane = new RecordingBackplane();
    private final ConnectionProbe probeB = new ConnectionProbe();
    private final TestServer nodeA = TestServer.builder()
            .service(PubSubService.builder().backplane(backplane).nodeId("a").build())
            .start();
    private final TestServer nodeB = TestServer.builder()
            .service(PubSubService.builder().backplane(backplane).nodeId("b").build())
            .service(probeB)
            .start();
    private final PubSub pubsubA = nodeA.api().get("pubsub", PubSub.class);
    private final PubSub pubsubB = nodeB.api().get("pubsub", PubSub.class);

    @AfterEach
    void stop() {
        nodeA.stop();
        nodeB.stop();
        assertThat(backplane.topics()).isEmpty();
        backplane.close();
    }

    @Test
    void allReachesClientsOnEveryNodeExactlyOnce() {
        TestClient onA = nodeA.client();
        TestClient onB = nodeB.client();

        assertThat(pubsubA.all("news", "hi")).isEqualTo(1);

        assertThat(onA.nextMessage("pubsub")).hasText("{\"e\":\"news\",\"p\":[\"hi\"]}");
        assertThat(onB.nextMessage("pubsub")).hasText("{\"e\":\"news\",\"p\":[\"hi\"]}");
        onA.assertNoMessageWithin("pubsub", QUIET);
        onB.assertNoMoreMessages();
        assertThat(backplane.published).containsExactly("rts:pubsub:all 1|a|{\"e\":\"news\",\"p\":[\"hi\"]}");
    }

    @Test
    void channelReachesSubscribersOnOtherNodes() {
        TestClient onA = nodeA.client();
        TestClient onB = nodeB.client();
        pubsubA.channels(onA.sessionId()).subscribe("disney");
        pubsubB.channels(onB.sessionId()).subscribe("disney");

        assertThat(pubsubB.channel("disney", "chatMessage", "Mickey")).isEqualTo(1);

        String expected = "{\"e\":\"chatMessage\",\"p\":[\"Mickey\"],\"c\":\"disney\"}";
        assertThat(onA.nextMessage("pubsub")).hasText(expected);
        assertThat(onB.nextMessage("pubsub")).hasText(expected);
        onB.assertNoMessageWithin("pubsub", QUIET);
        onA.assertNoMoreMessages();
        assertThat(backplane.published).containsExactly("rts:pubsub:channel:disney 1|b|" + expected);
    }

    @Test
    void userReachesTheUsersSessionsOnOtherNodes() {
        TestClient annOnA = nodeA.client();
        TestClient annOnB = nodeB.client();
        TestClient bobOnB = nodeB.client();
        nodeA.session(annOnA.sessionId()).setUserId("ann");
        nodeB.session(annOnB.sessionId()).setUserId("ann");
        nodeB.session(bobOnB.sessionId()).setUserId("bob");

        assertThat(pubsubA.user("ann", "mail", 2)).isEqualTo(1);

        assertThat(annOnA.nextMessage("pubsub")).hasText("{\"e\":\"mail\",\"p\":[2]}");
        assertThat(annOnB.nextMessage("pubsub")).hasText("{\"e\":\"mail\",\"p\":[2]}");
        bobOnB.assertNoMessageWithin("pubsub", QUIET);
        annOnA.assertNoMoreMessages();
    }

    @Test
    void socketEventsStayOnTheirNode() {
        TestClient onB = nodeB.client();

        assertThat(pubsubA.socket(onB.socketId(), "poke")).isZero();

        onB.assertNoMessageWithin("pubsub", QUIET);
        assertThat(backplane.published).isEmpty();
    }

    @Test
    void aNodeListensToChannelAndUserTopicsOnlyWhileItHasSessionsForThem() {
        assertThat(backplane.topics()).containsExactly("rts:pubsub:all");
        TestClient first = nodeB.client();
        TestClient second = nodeB.client(first.sessionId());

        pubsubB.channels(first.sessionId()).subscribe("room");
        nodeB.session(first.sessionId()).setUserId("ann");
        assertThat(backplane.topics()).containsExactlyInAnyOrder("rts:pubsub:all", "rts:pubsub:channel:room",
                "rts:pubsub:user:ann");

        first.disconnect();
        probeB.awaitDisconnect(nodeB.timeout());
        assertThat(backplane.topics()).hasSize(3);

        second.disconnect();
        probeB.awaitDisconnect(nodeB.timeout());
        assertThat(backplane.topics()).containsExactly("rts:pubsub:all");

        TestClient back = nodeB.client(first.sessionId());
        Clients.listThroughSocket(back);
        assertThat(backplane.topics()).containsExactlyInAnyOrder("rts:pubsub:all", "rts:pubsub:channel:room",
                "rts:pubsub:user:ann");

        nodeB.session(first.sessionId()).setUserId(null);
        pubsubB.channels(first.sessionId()).reset();
        assertThat(backplane.topics()).containsExactly("rts:pubsub:all");
    }

    @Test
    void aNodeIgnoresItsOwnMessagesAndUnknownVersions() {
        TestClient onA = nodeA.client();
        TestClient onB = nodeB.client();

        backplane.publish("rts:pubsub:all", "1|a|{\"e\":\"fromA\",\"p\":[]}".getBytes(StandardCharsets.UTF_8));
        backplane.publish("rts:pubsub:all", "2|c|{\"e\":\"future\",\"p\":[]}".getBytes(StandardCharsets.UTF_8));
        backplane.publish("rts:pubsub:all", "1|c|{\"e\":\"fromC\",\"p\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThat(onB.nextMessage("pubsub")).hasText("{\"e\":\"fromA\",\"p\":[]}");
        assertThat(onB.nextMessage("pubsub")).hasText("{\"e\":\"fromC\",\"p\":[]}");
        assertThat(onA.nextMessage("pubsub")).hasText("{\"e\":\"fromC\",\"p\":[]}");
        onA.assertNoMessageWithin("pubsub", QUIET);
        onB.assertNoMoreMessages();
    }

    @Test
    void aStoppedNodeLeavesItsTopicsAndTheOthersKeepWorking() {
        TestClient onA = nodeA.client();
        TestClient onB = nodeB.client();
        pubsubA.channels(onA.sessionId()).subscribe("room");
        pubsubB.channels(onB.sessionId()).subscribe("room");

        nodeA.stop();

        assertThat(pubsubB.channel("room", "still", "here")).isEqualTo(1);
        assertThat(onB.nextMessage("pubsub")).hasText("{\"e\":\"still\",\"p\":[\"here\"],\"c\":\"room\"}");
        assertThat(backplane.topics()).containsExactlyInAnyOrder("rts:pubsub:all", "rts:pubsub:channel:room");
    }

    @Test
    void theTopicPrefixKeepsAppsApart() {
        try (TestServer other = TestServer.builder()
                .service(PubSubService.builder().backplane(backplane).topicPrefix("app2:").build())
                .start()) {
            TestClient onOther = other.client();
            TestClient onA = nodeA.client();
            assertThat(backplane.topics()).containsExactlyInAnyOrder("rts:pubsub:all", "app2:all");

            other.api().get("pubsub", PubSub.class).all("app2only");

            assertThat(onOther.nextMessage("pubsub")).hasText("{\"e\":\"app2only\",\"p\":[]}");
            onA.assertNoMessageWithin("pubsub", QUIET);
        }
    }
}
