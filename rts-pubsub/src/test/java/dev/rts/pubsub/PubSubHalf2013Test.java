package dev.rts.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.NodeScript;
import dev.rts.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser half in a client with only the 2013 service contract (no {@code status}, {@code onerror} or
 * {@code api}), against a real server, run by Node: it loads without throwing, subscribes, receives what the server
 * publishes, lists its channels and hands a refusal to its callback. Skipped where Node is missing, outside CI.
 */
@Timeout(90)
class PubSubHalf2013Test {

    @Test
    void theHalfSubscribesAndReceivesInAClientWithOnlyThe2013Contract() {
        try (TestServer server = TestServer.builder().realWebSocket(true)
                .service(PubSub.builder().authorizer((session, channel) -> channel.startsWith("public:")).build())
                .start();
             NodeScript node = NodeScript.start(server, PubSubHalf2013Test.class.getResource("pubsub-2013.mjs"))) {
            PubSub pubsub = server.api().get("pubsub", PubSub.class);
            node.awaitLine("SUBSCRIBED");
            assertThat(pubsub.all("all", "everyone")).isEqualTo(1);
            assertThat(pubsub.channel("public:news", "headline", "RTS 1.0")).isEqualTo(1);
            assertThat(node.result()).isEqualTo("{\"subscribe\":\"ok\","
                    + "\"refused\":\"error: Not allowed to subscribe to channel 'private:hr': the server's "
                    + "SubscriptionAuthorizer refused it (by default only server code subscribes sessions)\","
                    + "\"list\":[\"public:news\"],"
                    + "\"received\":[[\"all\",\"everyone\"],[\"RTS 1.0\",\"public:news\"]]}");
        }
    }
}
