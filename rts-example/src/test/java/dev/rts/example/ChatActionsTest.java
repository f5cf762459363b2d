package dev.rts.example;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.pubsub.PubSub;
import dev.rts.rpc.Rpc;
import dev.rts.rpc.RpcException;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat methods on a real core with rts-rpc and rts-pubsub, reached by in-memory test clients: what a browser
 * sends through {@code rts.api.rpc} and receives through {@code rts.api.pubsub}. Rooms keep 3 messages here, and the
 * server 2 rooms.
 */
@Timeout(30)
class ChatActionsTest {

    private static final long NOW = 1_700_000_000_000L;
    /** Long enough for an event that was queued with one the test already received. */
    private static final Duration QUIET = Duration.ofMillis(100);

    private final TestServer server = TestServer.start(Rpc.service(), PubSub.service());
    private final Rpc rpc = server.api().get("rpc", Rpc.class);
    private final List<TestClient> clients = new ArrayList<>();

    ChatActionsTest() {
        PubSub pubsub = server.api().get("pubsub", PubSub.class);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        rpc.namespace("chat", new ChatActions(pubsub, clock, 2, 3));
    }

    @AfterEach
    void stop() {
        try {
            clients.forEach(TestClient::assertNoMoreMessages);
        } finally {
            server.stop();
        }
    }

    @Test
    void twoSessionsInARoomExchangeMessagesAndASessionInAnotherRoomGetsNothing() {
        TestClient ann = client();
        TestClient bob = client();
        TestClient carol = client();
        assertThat(call(ann, "chat.join", "lobby")).isEqualTo("{\"p\":[[]]}");
        assertThat(call(bob, "chat.join", "lobby")).isEqualTo("{\"p\":[[]]}");
        call(carol, "chat.join", "attic");

        assertThat(call(ann, "chat.send", "lobby", "Ann", "hello Bob")).isEqualTo("{\"p\":[]}");
        assertThat(bob.nextMessage("pubsub")).hasText(event("Ann", "hello Bob", "lobby"));
        assertThat(ann.nextMessage("pubsub")).hasText(event("Ann", "hello Bob", "lobby"));

        call(bob, "chat.send", "lobby", "Bob", "hi Ann");
        assertThat(ann.nextMessage("pubsub")).hasText(event("Bob", "hi Ann", "lobby"));
        assertThat(bob.nextMessage("pubsub")).hasText(event("Bob", "hi Ann", "lobby"));

        carol.assertNoMessageWithin("pubsub", QUIET);
        assertThat(call(carol, "chat.rooms")).isEqualTo("{\"p\":[[\"attic\",\"lobby\"]]}");
    }

    @Test
    void everyTabOfAJoinedSessionGetsTheMessages() {
        TestClient ann = client();
        call(ann, "chat.join", "lobby");
        TestClient annSecondTab = client(ann.sessionId());

        call(annSecondTab, "chat.send", "lobby", " Ann ", "from the second tab");

        assertThat(ann.nextMessage("pubsub")).hasText(event("Ann", "from the second tab", "lobby"));
        assertThat(annSecondTab.nextMessage("pubsub")).hasText(event("Ann", "from the second tab", "lobby"));
    }

    @Test
    void joinAnswersTheLastMessagesOfTheRoomOldestFirst() {
        TestClient ann = client();
        call(ann, "chat.join", "lobby");
        for (int i = 1; i <= 4; i++) {
            call(ann, "chat.send", "lobby", "Ann", "m" + i);
            assertThat(ann.nextMessage("pubsub")).hasText(event("Ann", "m" + i, "lobby"));
        }

        TestClient bob = client();
        assertThat(call(bob, "chat.join", "lobby")).isEqualTo("{\"p\":[[" + message("Ann", "m2", "lobby") + ","
                + message("Ann", "m3", "lobby") + "," + message("Ann", "m4", "lobby") + "]]}");
        assertThat(call(ann, "chat.join", "lobby")).as("joining again answers the history again")
                .isEqualTo(call(bob, "chat.join", "lobby"));
    }

    @Test
    void leavingStopsDeliveryAndSending() {
        TestClient ann = client();
        TestClient bob = client();
        call(ann, "chat.join", "lobby");
        call(bob, "chat.join", "lobby");

        assertThat(call(bob, "chat.leave", "lobby")).isEqualTo("{\"p\":[]}");
        call(ann, "chat.send", "lobby", "Ann", "anyone?");

        assertThat(ann.nextMessage("pubsub")).hasText(event("Ann", "anyone?", "lobby"));
        bob.assertNoMessageWithin("pubsub", QUIET);
        assertThat(error(bob, "chat.send", "lobby", "Bob", "I left"))
                .isEqualTo("You have not joined room 'lobby'; join it before sending to it");
        assertThat(call(bob, "chat.leave", "lobby")).as("leaving twice").isEqualTo("{\"p\":[]}");
    }

    @Test
    void badValuesAreRefusedWithClearMessages() {
        TestClient ann = client();
        call(ann, "chat.join", "lobby");

        assertThat(error(ann, "chat.join", "my room")).isEqualTo("Room name must be 1 to 40 letters, digits, '-' "
                + "or '_', such as 'lobby', but was 'my room'");
        assertThat(error(ann, "chat.join", "x".repeat(41))).isEqualTo("Room name must be 1 to 40 letters, digits, "
                + "'-' or '_', such as 'lobby', but was '" + "x".repeat(40) + "...'");
        assertThat(error(ann, "chat.send", null, "Ann", "hi")).isEqualTo("Room name must be 1 to 40 letters, "
                + "digits, '-' or '_', such as 'lobby', but got none");
        assertThat(error(ann, "chat.send", "lobby", "  ", "hi"))
                .isEqualTo("Name must not be blank; type a name before sending");
        assertThat(error(ann, "chat.send", "lobby", null, "hi"))
                .isEqualTo("Name must not be blank; type a name before sending");
        assertThat(error(ann, "chat.send", "lobby", "n".repeat(41), "hi"))
                .isEqualTo("Name must be at most 40 characters but was 41");
        assertThat(error(ann, "chat.send", "lobby", "Ann", " \n")).isEqualTo("Text must not be blank");
        assertThat(error(ann, "chat.send", "lobby", "Ann", "t".repeat(501)))
                .isEqualTo("Text must be at most 500 characters but was 501");
        assertThat(error(ann, "chat.send", "attic", "Ann", "hi"))
                .as("a room nobody opened").isEqualTo("You have not joined room 'attic'; join it before sending to it");
        assertThat(error(ann, "chat.send", "lobby", "Ann"))
                .isEqualTo("Method 'chat.send' takes 3 arguments (String, String, String) but got 2");
        assertThat(error(ann, "chat.send", "lobby", "Ann", 5))
                .isEqualTo("Method 'chat.send' argument 3 must be String but was 5");

        call(ann, "chat.send", "lobby", "n".repeat(40), "t".repeat(500));
        assertThat(ann.nextMessage("pubsub")).hasText(event("n".repeat(40), "t".repeat(500), "lobby"));
    }

    @Test
    void roomsBeyondTheLimitAreRefusedAndExistingOnesStillOpen() {
        TestClient ann = client();
        call(ann, "chat.join", "a");
        call(ann, "chat.join", "b");

        assertThat(error(ann, "chat.join", "c")).isEqualTo("Cannot open room 'c': there are already 2 rooms, the "
                + "most this server keeps; join one of them (chat.rooms lists them)");
        assertThat(call(ann, "chat.join", "a")).isEqualTo("{\"p\":[[]]}");
        assertThat(call(ann, "chat.rooms")).isEqualTo("{\"p\":[[\"a\",\"b\"]]}");
    }

    @Test
    void serverCodeCannotJoinForItHasNoSession() {
        assertThatThrownBy(() -> rpc.call("chat.join", "lobby").get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RpcException.class)
                .hasMessage("Method 'chat.join' needs the caller's session, so it cannot be called from server code");
    }

    private TestClient client() {
        TestClient client = server.client();
        clients.add(client);
        return client;
    }

    private TestClient client(String sessionId) {
        TestClient client = server.client(sessionId);
        clients.add(client);
        return client;
    }

    /** Calls a method as the browser half does and returns the answer's payload. */
    private static String call(TestClient client, String method, Object... params) {
        return client.call("rpc", request(method, params)).text();
    }

    /** Calls a method that must fail and returns the error message the browser would get. */
    private static String error(TestClient client, String method, Object... params) {
        Object answer = client.call("rpc", request(method, params)).json();
        assertThat(answer).as("answer to %s", method).isInstanceOf(Map.class);
        Object failure = ((Map<?, ?>) answer).get("e");
        assertThat(failure).as("error in the answer %s", answer).isInstanceOf(Map.class);
        return (String) ((Map<?, ?>) failure).get("message");
    }

    private static Map<String, Object> request(String method, Object... params) {
        // Arrays.asList, not List.of: the tests pass null arguments.
        return Map.of("m", method, "p", Arrays.asList(params));
    }

    private static String event(String from, String text, String room) {
        return "{\"e\":\"chat\",\"p\":[" + message(from, text, room) + "],\"c\":\"" + room + "\"}";
    }

    private static String message(String from, String text, String room) {
        return "{\"from\":\"" + from + "\",\"text\":\"" + text + "\",\"room\":\"" + room + "\",\"at\":" + NOW + "}";
    }
}
