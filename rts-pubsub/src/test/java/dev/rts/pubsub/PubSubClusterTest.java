package dev.rts.pubsub;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.ClusterBus;
import dev.rts.core.InProcessBus;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two server processes, simulated by two servers in this JVM sharing an in-process cluster bus. */
@Timeout(20)
class PubSubClusterTest {

    private static final Duration QUIET = Duration.ofMillis(100);

    /** One node's link to the bus that records what the node publishes. */
    static final class RecordingBus implements ClusterBus {
        final ClusterBus node;
        final List<String> published;

        RecordingBus(ClusterBus node, List<String> published) {
            this.node = node;
            this.published = published;
        }

        @Override
        public String nodeId() {
            return node.nodeId();
        }

        @Override
        public CompletionStage<Void> publish(String topic, byte[] message) {
            published.add(topic + " " + new String(message, StandardCharsets.UTF_8));
            return node.publish(topic, message);
        }

        @Override
        public CompletionStage<Void> subscribe(String topic, Listener listener) {
            return node.subscribe(topic, listener);
        }

        @Override
        public CompletionStage<Void> unsubscribe(String topic, Listener listener) {
            return node.unsubscribe(topic, listener);
        }

        @Override
        public void addLinkListener(LinkListener listener) {
            node.addLinkListener(listener);
        }

        @Override
        public void removeLinkListener(LinkListener listener) {
            node.removeLinkListener(listener);
        }

        @Override
        public void close() {
            node.close();
        }
    }

    private final InProcessBus bus = InProcessBus.create();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final ConnectionProbe probeB = new ConnectionProbe();
    private final TestServer nodeA = TestServer.builder()
            .service(PubSub.builder().build())
            .configure(b -> b.clusterBus(new RecordingBus(bus.connect("a"), published)))
            .start();
    private final TestServer nodeB = TestServer.builder()
            .service(PubSub.builder().build())
            .service(probeB)
            .configure(b -> b.clusterBus(new RecordingBus(bus.connect("b"), published)))
            .start();
    private final PubSub pubsubA = nodeA.api().get("pubsub", PubSub.class);
    private final PubSub pubsubB = nodeB.api().get("pubsub", PubSub.class);

    @AfterEach
    void stop() {
        nodeA.stop();
        nodeB.stop();
        assertThat(bus.topics()).isEmpty();
        bus.close();
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
        assertThat(published).containsExactly("pubsub:all 1|a|{\"e\":\"news\",\"p\":[\"hi\"]}");
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
        assertThat(published).containsExactly("pubsub:channel:disney 1|b|" + expected);
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
        assertThat(published).isEmpty();
    }

    @Test
    void aNodeListensToChannelAndUserTopicsOnlyWhileItHasSessionsForThem() {
        assertThat(bus.topics()).containsExactly("pubsub:all");
        TestClient first = nodeB.client();
        TestClient second = nodeB.client(first.sessionId());

        pubsubB.channels(first.sessionId()).subscribe("room");
        nodeB.session(first.sessionId()).setUserId("ann");
        assertThat(bus.topics()).containsExactlyInAnyOrder("pubsub:all", "pubsub:channel:room",
                "pubsub:user:ann");

        first.disconnect();
        probeB.awaitDisconnect(nodeB.timeout());
        assertThat(bus.topics()).hasSize(3);

        second.disconnect();
        probeB.awaitDisconnect(nodeB.timeout());
        assertThat(bus.topics()).containsExactly("pubsub:all");

        TestClient back = nodeB.client(first.sessionId());
        Clients.listThroughSocket(back);
        assertThat(bus.topics()).containsExactlyInAnyOrder("pubsub:all", "pubsub:channel:room",
                "pubsub:user:ann");

        nodeB.session(first.sessionId()).setUserId(null);
        pubsubB.channels(first.sessionId()).reset();
        assertThat(bus.topics()).containsExactly("pubsub:all");
    }

    @Test
    void aNodeIgnoresItsOwnMessagesAndUnknownVersions() {
        TestClient onA = nodeA.client();
        TestClient onB = nodeB.client();

        ClusterBus nodeC = bus.connect("c");
        nodeC.publish("pubsub:all", "1|a|{\"e\":\"fromA\",\"p\":[]}".getBytes(StandardCharsets.UTF_8));
        nodeC.publish("pubsub:all", "2|c|{\"e\":\"future\",\"p\":[]}".getBytes(StandardCharsets.UTF_8));
        nodeC.publish("pubsub:all", "1|c|{\"e\":\"fromC\",\"p\":[]}".getBytes(StandardCharsets.UTF_8));

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
        assertThat(bus.topics()).containsExactlyInAnyOrder("pubsub:all", "pubsub:channel:room");
    }

    @Test
    void twoMountsOfTheServiceKeepTheirBusTopicsApart() {
        try (TestServer other = TestServer.builder()
                .service("news", PubSub.builder().build(), java.util.Map.of())
                .configure(b -> b.clusterBus(bus.connect("c")))
                .start()) {
            TestClient onOther = other.client();
            TestClient onA = nodeA.client();
            assertThat(bus.topics()).containsExactlyInAnyOrder("pubsub:all", "news:all");

            other.api().get("news", PubSub.class).all("newsOnly");

            assertThat(onOther.nextMessage("news")).hasText("{\"e\":\"newsOnly\",\"p\":[]}");
            onA.assertNoMessageWithin("pubsub", QUIET);
        }
    }
}
