package dev.rts.pubsub;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Service;
import dev.rts.api.Session;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ClientSubscriptionTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private PubSub start(Service service) {
        server = TestServer.start(service);
        return server.api().get("pubsub", PubSub.class);
    }

    @Test
    void clientSubscriptionIsRefusedByDefault() {
        PubSub pubsub = start(PubSub.service());
        TestClient client = server.client();

        assertThat(Clients.request(client, "{\"sub\":\"room1\"}")).hasText("{\"r\":\"t\",\"error\":\"Not allowed to "
                + "subscribe to channel 'room1': the server's SubscriptionAuthorizer refused it (by default only "
                + "server code subscribes sessions)\"}");

        assertThat(pubsub.channels(client.sessionId()).list()).isEmpty();
        assertThat(pubsub.channel("room1", "news")).isZero();
        client.assertNoMoreMessages();
    }

    @Test
    void clientCannotLeaveAChannelTheServerPutItIn() {
        PubSub pubsub = start(PubSub.service());
        TestClient client = server.client();
        pubsub.channels(client.sessionId()).subscribe("staff");

        assertThat(Clients.request(client, "{\"unsub\":\"staff\"}")).hasText("{\"r\":\"t\",\"error\":\"Not allowed to "
                + "unsubscribe from channel 'staff': the server's SubscriptionAuthorizer refused it\"}");

        assertThat(pubsub.channels(client.sessionId()).list()).containsExactly("staff");
    }

    @Test
    void authorizedClientSubscriptionReachesEveryTabAndIsListed() {
        BlockingQueue<String> asked = new LinkedBlockingQueue<>();
        PubSub pubsub = start(PubSub.builder().authorizer((Session session, String channel) -> {
            asked.add(session.id() + " " + channel);
            return channel.startsWith("public:");
        }).build());
        TestClient tab1 = server.client();
        TestClient tab2 = server.client(tab1.sessionId());

        assertThat(Clients.request(tab1, "{\"sub\":\"public:news\"}")).hasText("{\"r\":\"t\",\"ok\":true}");
        assertThat(Clients.request(tab1, "{\"sub\":\"private:hr\"}")).hasText("{\"r\":\"t\",\"error\":\"Not allowed "
                + "to subscribe to channel 'private:hr': the server's SubscriptionAuthorizer refused it (by default "
                + "only server code subscribes sessions)\"}");

        assertThat(asked).containsExactly(tab1.sessionId() + " public:news", tab1.sessionId() + " private:hr");
        assertThat(Clients.listThroughSocket(tab2)).isEqualTo(List.of("public:news"));
        assertThat(pubsub.channel("public:news", "headline", "RTS 1.0")).isEqualTo(2);
        assertThat(tab1.nextMessage("pubsub")).hasText("{\"e\":\"headline\",\"p\":[\"RTS 1.0\"],\"c\":\"public:news\"}");
        assertThat(tab2.nextMessage("pubsub")).hasText("{\"e\":\"headline\",\"p\":[\"RTS 1.0\"],\"c\":\"public:news\"}");
    }

    @Test
    void authorizedClientUnsubscribeStopsTheChannel() {
        PubSub pubsub = start(PubSub.builder().authorizer((session, channel) -> true).build());
        TestClient client = server.client();
        Clients.request(client, "{\"sub\":\"room1\"}");

        assertThat(Clients.request(client, "{\"unsub\":\"room1\"}")).hasText("{\"r\":\"t\",\"ok\":true}");

        assertThat(pubsub.channels(client.sessionId()).list()).isEmpty();
        assertThat(pubsub.channel("room1", "news")).isZero();
    }

    @Test
    void invalidChannelNamesFromClientsAreRejectedBeforeTheAuthorizerSeesThem() {
        BlockingQueue<String> asked = new LinkedBlockingQueue<>();
        start(PubSub.builder().authorizer((session, channel) -> asked.add(channel)).build());
        TestClient client = server.client();

        assertThat(Clients.request(client, "{\"sub\":\"no spaces\"}")).hasText("{\"r\":\"t\",\"error\":\"Channel name "
                + "must be 1 to 100 characters of letters, digits and _ - . : @ / but was 'no spaces'\"}");
        assertThat(Clients.request(client, "{\"sub\":\"" + "x".repeat(101) + "\"}")).hasText("{\"r\":\"t\",\"error\":"
                + "\"Channel name must be 1 to 100 characters of letters, digits and _ - . : @ / but was '"
                + "x".repeat(40) + "...' (101 characters)\"}");
        assertThat(Clients.request(client, "{\"unsub\":42}")).hasText("{\"r\":\"t\",\"error\":\"Channel name must be "
                + "a string but was a number\"}");
        assertThat(Clients.request(client, "{\"sub\":{\"name\":\"room1\"}}")).hasText("{\"r\":\"t\",\"error\":\"Channel "
                + "name must be a string but was an object\"}");
        assertThat(asked).isEmpty();
    }

    @Test
    void clientsHitTheChannelLimitWithAClearError() {
        start(PubSub.builder().authorizer((session, channel) -> true).maxChannelsPerSession(1).build());
        TestClient client = server.client();
        Clients.request(client, "{\"sub\":\"one\"}");

        assertThat(Clients.request(client, "{\"sub\":\"two\"}")).hasText("{\"r\":\"t\",\"error\":\"Session "
                + client.sessionId().substring(0, 6) + "... is already subscribed to 1 channels, the most allowed; "
                + "unsubscribe it from one first, or raise PubSub.builder().maxChannelsPerSession(...)\"}");
    }

    @Test
    void aThrowingAuthorizerRefusesTheRequest() {
        start(PubSub.builder().authorizer((session, channel) -> {
            throw new IllegalStateException("database down");
        }).build());
        TestClient client = server.client();

        assertThat(Clients.request(client, "{\"sub\":\"room1\"}")).hasText("{\"r\":\"t\",\"error\":\"Not allowed to "
                + "subscribe to channel 'room1': the server's SubscriptionAuthorizer refused it (by default only "
                + "server code subscribes sessions)\"}");
    }

    @Test
    void malformedRequestsGetAnErrorAnswer() {
        start(PubSub.service());
        TestClient client = server.client();

        client.send("pubsub", "not json");
        assertThat(client.nextMessage("pubsub")).hasText("{\"error\":\"Pub/sub requests are JSON objects such as "
                + "{\\\"sub\\\":\\\"room1\\\",\\\"r\\\":1} but got 'not json'\"}");
        assertThat(Clients.request(client, "{\"join\":\"room1\"}")).hasText("{\"r\":\"t\",\"error\":\"Unknown pub/sub "
                + "request: expected a 'sub', 'unsub' or 'list' key but got [join, r]\"}");
        client.send("pubsub", "{\"list\":true,\"r\":7}");
        assertThat(client.nextMessage("pubsub")).hasText("{\"r\":7,\"ok\":true,\"channels\":[]}");
        client.assertNoMoreMessages();
    }
}
