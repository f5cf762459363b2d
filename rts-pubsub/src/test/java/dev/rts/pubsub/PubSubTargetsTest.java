package dev.rts.pubsub;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class PubSubTargetsTest {

    private static final Duration QUIET = Duration.ofMillis(100);

    private final TestServer server = TestServer.start(PubSub.service());
    private final PubSub pubsub = server.api().get("pubsub", PubSub.class);
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void noUnexpectedEventsAndStop() {
        try {
            clients.forEach(TestClient::assertNoMoreMessages);
        } finally {
            server.stop();
        }
    }

    private TestClient client() {
        TestClient client = server.client();
        clients.add(client);
        return client;
    }

    private TestClient tabOf(TestClient first) {
        TestClient client = server.client(first.sessionId());
        clients.add(client);
        return client;
    }

    @Test
    void allReachesEveryClientWithTheArgumentsInOrder() {
        TestClient a = client();
        TestClient b = client();

        assertThat(pubsub.all("news", "hi", 42, Map.of("big", true), null)).isEqualTo(2);

        for (TestClient client : List.of(a, b)) {
            assertThat(client.nextMessage("pubsub")).hasText("{\"e\":\"news\",\"p\":[\"hi\",42,{\"big\":true},null]}");
        }
    }

    @Test
    void eventWithoutArgumentsHasAnEmptyArgumentList() {
        TestClient a = client();

        pubsub.all("ping");

        assertThat(a.nextMessage("pubsub")).hasText("{\"e\":\"ping\",\"p\":[]}");
    }

    @Test
    void channelReachesOnlySubscribedSessionsAndNamesTheChannel() {
        TestClient subscribed = client();
        TestClient other = client();
        pubsub.channels(subscribed.sessionId()).subscribe("disney");

        assertThat(pubsub.channel("disney", "chatMessage", "Mickey", "Hi!")).isEqualTo(1);

        assertThat(subscribed.nextMessage("pubsub"))
                .hasText("{\"e\":\"chatMessage\",\"p\":[\"Mickey\",\"Hi!\"],\"c\":\"disney\"}");
        other.assertNoMessageWithin("pubsub", QUIET);
    }

    @Test
    void channelWithoutLocalSubscribersSendsNothing() {
        TestClient a = client();

        assertThat(pubsub.channel("empty", "news")).isZero();

        a.assertNoMessageWithin("pubsub", QUIET);
    }

    @Test
    void severalChannelsAreDeliveredOncePerChannelWithTheirOwnNames() {
        TestClient both = client();
        TestClient onlyA = client();
        pubsub.channels(both.sessionId()).subscribe("a");
        pubsub.channels(both.sessionId()).subscribe("b");
        pubsub.channels(onlyA.sessionId()).subscribe("a");

        assertThat(pubsub.channel(List.of("a", "b", "c"), "news", 1)).isEqualTo(3);

        assertThat(both.nextMessage("pubsub")).hasText("{\"e\":\"news\",\"p\":[1],\"c\":\"a\"}");
        assertThat(both.nextMessage("pubsub")).hasText("{\"e\":\"news\",\"p\":[1],\"c\":\"b\"}");
        assertThat(onlyA.nextMessage("pubsub")).hasText("{\"e\":\"news\",\"p\":[1],\"c\":\"a\"}");
    }

    @Test
    void bothTabsOfASessionReceiveChannelEvents() {
        TestClient first = client();
        TestClient second = tabOf(first);
        pubsub.channels(first.sessionId()).subscribe("room1");

        assertThat(pubsub.channel("room1", "said", "hello")).isEqualTo(2);

        assertThat(first.nextMessage("pubsub")).hasText("{\"e\":\"said\",\"p\":[\"hello\"],\"c\":\"room1\"}");
        assertThat(second.nextMessage("pubsub")).hasText("{\"e\":\"said\",\"p\":[\"hello\"],\"c\":\"room1\"}");
    }

    @Test
    void aTabOpenedAfterTheSubscriptionReceivesChannelEvents() {
        TestClient first = client();
        pubsub.channels(first.sessionId()).subscribe("room1");
        TestClient second = tabOf(first);

        pubsub.channel("room1", "said", "hello");

        assertThat(first.nextMessage("pubsub")).hasText("{\"e\":\"said\",\"p\":[\"hello\"],\"c\":\"room1\"}");
        assertThat(second.nextMessage("pubsub")).hasText("{\"e\":\"said\",\"p\":[\"hello\"],\"c\":\"room1\"}");
    }

    @Test
    void userReachesEveryTabOfEverySessionOfThatUserOnly() {
        TestClient laptop = client();
        TestClient laptopTab = tabOf(laptop);
        TestClient phone = client();
        TestClient someoneElse = client();
        server.session(laptop.sessionId()).setUserId("ann");
        server.session(phone.sessionId()).setUserId("ann");
        server.session(someoneElse.sessionId()).setUserId("bob");

        assertThat(pubsub.user("ann", "mail", 3)).isEqualTo(3);

        for (TestClient client : List.of(laptop, laptopTab, phone)) {
            assertThat(client.nextMessage("pubsub")).hasText("{\"e\":\"mail\",\"p\":[3]}");
        }
        someoneElse.assertNoMessageWithin("pubsub", QUIET);
    }

    @Test
    void severalUsersReceiveOneEventEach() {
        TestClient ann = client();
        TestClient bob = client();
        TestClient carl = client();
        server.session(ann.sessionId()).setUserId("ann");
        server.session(bob.sessionId()).setUserId("bob");
        server.session(carl.sessionId()).setUserId("carl");

        assertThat(pubsub.user(List.of("ann", "bob", "nobody"), "hello")).isEqualTo(2);

        assertThat(ann.nextMessage("pubsub")).hasText("{\"e\":\"hello\",\"p\":[]}");
        assertThat(bob.nextMessage("pubsub")).hasText("{\"e\":\"hello\",\"p\":[]}");
        carl.assertNoMessageWithin("pubsub", QUIET);
    }

    @Test
    void signingOutStopsUserEventsForThatSessionOnly() {
        TestClient laptop = client();
        TestClient laptopTab = tabOf(laptop);
        TestClient phone = client();
        server.session(laptop.sessionId()).setUserId("ann");
        server.session(phone.sessionId()).setUserId("ann");

        server.session(laptop.sessionId()).setUserId(null);

        assertThat(pubsub.user("ann", "mail")).isEqualTo(1);
        assertThat(phone.nextMessage("pubsub")).hasText("{\"e\":\"mail\",\"p\":[]}");
        laptop.assertNoMessageWithin("pubsub", QUIET);
        laptopTab.assertNoMessageWithin("pubsub", Duration.ZERO);
    }

    @Test
    void socketReachesOneTabOfTheSession() {
        TestClient first = client();
        TestClient second = tabOf(first);

        assertThat(pubsub.socket(second.socketId(), "focus", "tab2")).isEqualTo(1);

        assertThat(second.nextMessage("pubsub")).hasText("{\"e\":\"focus\",\"p\":[\"tab2\"]}");
        first.assertNoMessageWithin("pubsub", QUIET);
    }

    @Test
    void severalSocketsEachReceiveOnceAndUnknownOnesAreSkipped() {
        TestClient a = client();
        TestClient b = client();
        TestClient c = client();

        assertThat(pubsub.socket(List.of(a.socketId(), b.socketId(), a.socketId(), "gone"), "poke")).isEqualTo(2);

        assertThat(a.nextMessage("pubsub")).hasText("{\"e\":\"poke\",\"p\":[]}");
        assertThat(b.nextMessage("pubsub")).hasText("{\"e\":\"poke\",\"p\":[]}");
        c.assertNoMessageWithin("pubsub", QUIET);
    }

    @Test
    void badTargetsAndEventNamesAreRejected() {
        assertThatThrownBy(() -> pubsub.all(" ", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Event name must not be blank but was ' '");
        assertThatThrownBy(() -> pubsub.all(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Event name must not be blank but was null");
        assertThatThrownBy(() -> pubsub.user("", "mail")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("User id must not be blank but was ''");
        assertThatThrownBy(() -> pubsub.socket((String) null, "poke")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Socket id must not be null");
        assertThatThrownBy(() -> pubsub.channel("two words", "news")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Channel name must be 1 to 100 characters of letters, digits and _ - . : @ / but was "
                        + "'two words'");
    }

    @Test
    void anInvalidChannelInAListSendsNothing() {
        TestClient a = client();
        pubsub.channels(a.sessionId()).subscribe("ok");

        assertThatThrownBy(() -> pubsub.channel(List.of("ok", "not|ok"), "news"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Channel name must be 1 to 100 characters of letters, digits and _ - . : @ / but was "
                        + "'not|ok'");

        a.assertNoMessageWithin("pubsub", QUIET);
    }

    @Test
    void publishingAfterStopSendsNothing() {
        client();
        server.stop();

        assertThat(pubsub.all("late")).isZero();
        assertThat(pubsub.channel("c", "late")).isZero();
        assertThat(pubsub.user("ann", "late")).isZero();
        assertThat(pubsub.socket("s", "late")).isZero();
        clients.clear();
    }
}
