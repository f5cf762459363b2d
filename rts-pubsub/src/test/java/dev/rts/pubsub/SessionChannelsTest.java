package dev.rts.pubsub;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.pubsub.internal.DefaultPubSub;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SessionChannelsTest {

    private static final Duration QUIET = Duration.ofMillis(100);

    private final ConnectionProbe probe = new ConnectionProbe();
    private final TestServer server = TestServer.builder()
            .service(PubSub.builder().maxChannelsPerSession(3).build())
            .service(probe)
            .start();
    private final PubSub pubsub = server.api().get("pubsub", PubSub.class);

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void subscriptionsAreKeptInTheSessionAttributeInOrder() {
        TestClient client = server.client();
        SessionChannels channels = pubsub.channels(client.sessionId());

        assertThat(channels.subscribe("b")).isTrue();
        assertThat(channels.subscribe("a")).isTrue();
        assertThat(channels.subscribe("b")).isFalse();

        assertThat(channels.sessionId()).isEqualTo(client.sessionId());
        assertThat(channels.list()).containsExactly("b", "a");
        assertThat(server.session(client.sessionId()).get("pubsub.channels")).contains(List.of("b", "a"));
    }

    @Test
    void reconnectWithTheSameSessionKeepsChannelSubscriptions() {
        TestClient client = server.client();
        pubsub.channels(client.sessionId()).subscribe("disney");

        client.reconnect();
        Clients.listThroughSocket(client);

        assertThat(pubsub.channel("disney", "chatMessage", "Goofy")).isEqualTo(1);
        assertThat(client.nextMessage("pubsub")).hasText("{\"e\":\"chatMessage\",\"p\":[\"Goofy\"],\"c\":\"disney\"}");
        client.assertNoMoreMessages();
    }

    @Test
    void aSessionSubscribedWhileOfflineGetsEventsWhenItConnects() {
        TestClient client = server.client();
        String sessionId = client.sessionId();
        client.disconnect();
        probe.awaitDisconnect(server.timeout());

        pubsub.channels(sessionId).subscribe("later");
        TestClient back = server.client(sessionId);
        Clients.listThroughSocket(back);

        assertThat(pubsub.channel("later", "news")).isEqualTo(1);
        assertThat(back.nextMessage("pubsub")).hasText("{\"e\":\"news\",\"p\":[],\"c\":\"later\"}");
    }

    @Test
    void unsubscribeStopsTheChannelsEventsForEveryTab() {
        TestClient first = server.client();
        TestClient second = server.client(first.sessionId());
        SessionChannels channels = pubsub.channels(first.sessionId());
        channels.subscribe("a");
        channels.subscribe("b");

        assertThat(channels.unsubscribe("a")).isTrue();
        assertThat(channels.unsubscribe("a")).isFalse();

        assertThat(pubsub.channel("a", "news")).isZero();
        assertThat(pubsub.channel("b", "news")).isEqualTo(2);
        assertThat(first.nextMessage("pubsub")).hasText("{\"e\":\"news\",\"p\":[],\"c\":\"b\"}");
        assertThat(second.nextMessage("pubsub")).hasText("{\"e\":\"news\",\"p\":[],\"c\":\"b\"}");
        first.assertNoMessageWithin("pubsub", QUIET);
        assertThat(channels.list()).containsExactly("b");
    }

    @Test
    void resetUnsubscribesFromEveryChannelAndRemovesTheAttribute() {
        TestClient client = server.client();
        SessionChannels channels = pubsub.channels(client.sessionId());
        channels.subscribe("a");
        channels.subscribe("b");

        assertThat(channels.reset()).containsExactly("a", "b");

        assertThat(channels.list()).isEmpty();
        assertThat(channels.reset()).isEmpty();
        assertThat(server.session(client.sessionId()).keys()).doesNotContain("pubsub.channels");
        assertThat(pubsub.channel(List.of("a", "b"), "news")).isZero();
        client.assertNoMessageWithin("pubsub", QUIET);
    }

    @Test
    void theLastSocketLeavingTakesTheSessionOutOfTheLocalIndex() {
        TestClient first = server.client();
        TestClient second = server.client(first.sessionId());
        pubsub.channels(first.sessionId()).subscribe("room");
        DefaultPubSub internals = (DefaultPubSub) pubsub;
        assertThat(internals.localChannels()).containsExactly("room");

        first.disconnect();
        probe.awaitDisconnect(server.timeout());
        assertThat(internals.localChannels()).containsExactly("room");
        assertThat(internals.localSessionCount()).isEqualTo(1);

        second.disconnect();
        probe.awaitDisconnect(server.timeout());
        assertThat(internals.localChannels()).isEmpty();
        assertThat(internals.localSessionCount()).isZero();
        assertThat(pubsub.channels(first.sessionId()).list()).containsExactly("room");
    }

    @Test
    void tooManyChannelsAreRefusedNamingTheLimit() {
        TestClient client = server.client();
        SessionChannels channels = pubsub.channels(client.sessionId());
        channels.subscribe("a");
        channels.subscribe("b");
        channels.subscribe("c");

        assertThatThrownBy(() -> channels.subscribe("d")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Session " + client.sessionId().substring(0, 6) + "... is already subscribed to 3 "
                        + "channels, the most allowed; unsubscribe it from one first, or raise "
                        + "PubSub.builder().maxChannelsPerSession(...)");
        assertThat(channels.subscribe("a")).isFalse();
    }

    @Test
    void invalidChannelNamesAreRejected() {
        SessionChannels channels = pubsub.channels(server.client().sessionId());

        for (String bad : new String[] {"", "with space", "star*", "pipe|", "é", "x".repeat(101)}) {
            assertThatThrownBy(() -> channels.subscribe(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Channel name must be 1 to 100 characters of letters, digits and "
                            + "_ - . : @ / but was ");
        }
        assertThatThrownBy(() -> channels.unsubscribe(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Channel name must be 1 to 100 characters of letters, digits and _ - . : @ / but was "
                        + "null");
        assertThat(channels.subscribe("Room_1.b:c@d/e-" + "x".repeat(85))).isTrue();
        assertThat(channels.list()).hasSize(1);
    }

    @Test
    void unknownSessionsAreRejected() {
        assertThatThrownBy(() -> pubsub.channels("nosuchsession0000000000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown session nosuch...: it expired or never existed");
        assertThatThrownBy(() -> pubsub.channels(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Session id must not be null");
    }
}
