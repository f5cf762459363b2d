package dev.rts.testkit;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.ClusterBus;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class TestClusterTest {

    /** Publishes what a client says on the bus; every node broadcasts what it hears, tagged with the sender node. */
    static final class Relay implements Service {
        @Override
        public String name() {
            return "relay";
        }

        @Override
        public Object start(ServiceContext context) {
            ClusterBus bus = context.bus();
            bus.subscribe("say", (topic, message) -> context.broadcast(new String(message, StandardCharsets.UTF_8)));
            context.onMessage((message, request, reply) ->
                    bus.publish("say", (bus.nodeId() + ": " + message.text()).getBytes(StandardCharsets.UTF_8)));
            return null;
        }
    }

    @Test
    void serversShareOneBusAndAServerStartedLateJoinsIt() {
        try (TestCluster cluster = TestCluster.start(2, server -> server.service(new Relay()))) {
            TestClient onFirst = cluster.server(0).client();
            TestClient onSecond = cluster.server(1).client();

            onFirst.send("relay", "hello");

            assertThat(onFirst.nextMessage("relay")).hasText("node-0: hello");
            assertThat(onSecond.nextMessage("relay")).hasText("node-0: hello");
            TestServer late = cluster.add();
            TestClient onLate = late.client();
            onLate.send("relay", "me too");
            assertThat(onFirst.nextMessage("relay")).hasText("node-2: me too");
            assertThat(onSecond.nextMessage("relay")).hasText("node-2: me too");
            assertThat(onLate.nextMessage("relay")).hasText("node-2: me too");
            assertThat(cluster.servers()).hasSize(3);
        }
    }

    @Test
    void aCrashedServerNeitherSpeaksNorHearsAndTheOthersCarryOn() {
        try (TestCluster cluster = TestCluster.start(3, server -> server.service(new Relay()))) {
            TestClient onFirst = cluster.server(0).client();
            TestClient onThird = cluster.server(2).client();

            cluster.crash(cluster.server(1));
            onThird.send("relay", "still here");

            assertThat(onFirst.nextMessage("relay")).hasText("node-2: still here");
            assertThat(onThird.nextMessage("relay")).hasText("node-2: still here");
            onFirst.assertNoMessageWithin("relay", Duration.ofMillis(100));
            assertThat(cluster.bus().topics()).containsExactly("relay:say");
        }
    }
}
