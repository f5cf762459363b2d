package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.ConnectionEvent;
import dev.rts.api.Connections;
import dev.rts.api.Feature;
import dev.rts.api.Session;
import dev.rts.api.UserChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class SessionsTest {

    private static final Duration MAX_AGE = Duration.ofMinutes(30);

    private final ServerFixture fixture = new ServerFixture();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final RecordingSessionStore store = new RecordingSessionStore(MAX_AGE, clock);
    private final LinkedBlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<UserChange> userChanges = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<ConnectionEvent> connects = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<ConnectionEvent> disconnects = new LinkedBlockingQueue<>();
    /** Every closed socket, handshaken or not, once the server has forgotten it. */
    private final LinkedBlockingQueue<String> forgotten = new LinkedBlockingQueue<>();
    /**
     * Commands: {@code login:<user>}, {@code logout}, {@code who}, {@code keep} (records the session object),
     * {@code put:<key>=<value>}, {@code get:<key>}. Answers {@code ok} unless asked something.
     */
    private final FakeService accounts = FakeService.named("accounts").features(Feature.SESSIONS, Feature.CALLBACKS)
            .onStart(context -> {
                context.onUserChange(userChanges::add);
                context.onConnect(connects::add);
                context.onDisconnect(disconnects::add);
            })
            .handler((message, request, reply) -> {
                String text = message.text();
                Session session = request.session();
                String answer = "ok";
                if (text.startsWith("login:")) {
                    session.setUserId(text.substring("login:".length()));
                } else if (text.equals("logout")) {
                    session.setUserId(null);
                } else if (text.equals("who")) {
                    answer = session.userId().orElse("nobody");
                } else if (text.equals("keep")) {
                    sessions.add(session);
                } else if (text.startsWith("put:")) {
                    String[] kv = text.substring("put:".length()).split("=", 2);
                    session.put(kv[0], kv[1]);
                } else if (text.startsWith("get:")) {
                    answer = String.valueOf(session.get(text.substring("get:".length())).orElse("absent"));
                }
                reply.send(answer);
            });

    @BeforeEach
    void start() {
        Middleware disconnectProbe = new Middleware() {
            @Override
            public void handle(IncomingMessage message, MiddlewareChain chain) {
                chain.next(message);
            }

            @Override
            public void onDisconnect(String socketId) {
                forgotten.add(socketId);
            }
        };
        fixture.start(fixture.builder().sessionStore(store).middleware(disconnectProbe).service(accounts));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Connections connections() {
        return accounts.context().connections();
    }

    private static String ask(FakeConnection socket, String command) {
        socket.receive("1|9|" + command);
        String reply = socket.nextSent();
        assertThat(reply).as("answer to %s", command).startsWith("1|9|");
        return reply.substring("1|9|".length());
    }

    private Session keep(FakeConnection socket) throws InterruptedException {
        assertThat(ask(socket, "keep")).isEqualTo("ok");
        return sessions.poll(5, TimeUnit.SECONDS);
    }

    /** Closes a handshaken socket and waits until the server has forgotten it. */
    private void closeAndAwait(FakeConnection socket) throws InterruptedException {
        socket.closeByClient();
        ConnectionEvent event = disconnects.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("disconnect of %s", socket).isNotNull();
        assertThat(event.socketId()).isEqualTo(socket.id());
    }

    @Test
    void connectionsPresentingOneSessionShareOneSessionObject() throws InterruptedException {
        FakeConnection first = fixture.open();
        FakeConnection second = fixture.open();
        String sessionId = first.connect();

        assertThat(second.connect(sessionId)).isEqualTo(sessionId);
        Session seenByFirst = keep(first);
        Session seenBySecond = keep(second);
        assertThat(seenBySecond).isSameAs(seenByFirst);
        assertThat(seenByFirst.id()).isEqualTo(sessionId);

        assertThat(ask(first, "login:alice")).isEqualTo("ok");
        assertThat(ask(second, "who")).isEqualTo("alice");
        assertThat(seenBySecond.userId()).contains("alice");
    }

    @Test
    void socketsOfUserFollowSignInAndSignOutOfThatSessionOnly() {
        FakeConnection laptop = fixture.open();
        FakeConnection laptopTab = fixture.open();
        FakeConnection phone = fixture.open();
        String laptopSession = laptop.connect();
        laptopTab.connect(laptopSession);
        phone.connect();
        assertThat(connections().socketsOfUser("alice")).isEmpty();

        ask(laptop, "login:alice");
        assertThat(connections().socketsOfUser("alice")).containsExactlyInAnyOrder(laptop.id(), laptopTab.id());

        ask(phone, "login:alice");
        assertThat(connections().socketsOfUser("alice"))
                .containsExactlyInAnyOrder(laptop.id(), laptopTab.id(), phone.id());

        ask(laptopTab, "logout");
        assertThat(connections().socketsOfUser("alice")).containsExactly(phone.id());
        assertThat(ask(laptop, "who")).isEqualTo("nobody");
        assertThat(ask(phone, "who")).isEqualTo("alice");

        ask(laptop, "login:bob");
        assertThat(connections().socketsOfUser("bob")).containsExactlyInAnyOrder(laptop.id(), laptopTab.id());
        assertThat(connections().socketsOfUser("alice")).containsExactly(phone.id());
    }

    @Test
    void userChangeListenersGetThePreviousAndTheNewUser() throws InterruptedException {
        FakeConnection socket = fixture.open();
        String sessionId = socket.connect();

        ask(socket, "login:alice");
        ask(socket, "login:alice");
        ask(socket, "login:bob");
        ask(socket, "logout");
        ask(socket, "logout");

        assertThat(new ArrayList<>(userChanges)).containsExactly(
                new UserChange(sessionId, null, "alice"),
                new UserChange(sessionId, "alice", "bob"),
                new UserChange(sessionId, "bob", null));
    }

    @Test
    void blankUserIdIsRejectedWithAnErrorFrame() {
        FakeConnection socket = fixture.open("10.0.0.1");
        socket.connect();

        socket.receive("1|4|login: ");

        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"User id must not be blank; use "
                + "null to sign out\",\"service\":\"accounts\",\"serviceId\":1,\"callbackId\":4}");
        assertThat(ask(socket, "who")).isEqualTo("nobody");
        assertThat(userChanges).isEmpty();
    }

    @Test
    void sessionLeavesMemoryWithItsLastSocketButStaysInTheStore() throws InterruptedException {
        FakeConnection first = fixture.open();
        FakeConnection second = fixture.open();
        String sessionId = first.connect();
        second.connect(sessionId);
        ask(first, "login:alice");
        Session live = keep(first);
        assertThat(connections().session(sessionId)).containsSame(live);

        closeAndAwait(first);
        assertThat(connections().session(sessionId)).containsSame(live);
        assertThat(connections().socketsOfSession(sessionId)).containsExactly(second.id());
        assertThat(connections().socketsOfUser("alice")).containsExactly(second.id());

        closeAndAwait(second);
        Session stored = connections().session(sessionId).orElseThrow();
        assertThat(stored).isNotSameAs(live);
        assertThat(stored.userId()).contains("alice");
        assertThat(connections().socketsOfSession(sessionId)).isEmpty();
        assertThat(connections().socketsOfUser("alice")).isEmpty();
        assertThat(connections().count()).isZero();

        FakeConnection back = fixture.open();
        assertThat(back.connect(sessionId)).isEqualTo(sessionId);
        assertThat(ask(back, "who")).isEqualTo("alice");
        assertThat(connections().socketsOfUser("alice")).containsExactly(back.id());
    }

    @Test
    void sessionAttributesAreWrittenThroughToTheStore() throws InterruptedException {
        FakeConnection socket = fixture.open();
        String sessionId = socket.connect();
        ask(socket, "put:theme=dark|blue");
        closeAndAwait(socket);

        FakeConnection back = fixture.open();
        back.connect(sessionId);

        assertThat(ask(back, "get:theme")).isEqualTo("dark|blue");
        assertThat(ask(back, "get:font")).isEqualTo("absent");
    }

    @Test
    void sessionUnusedForLongerThanTheMaxAgeIsReplaced() throws InterruptedException {
        FakeConnection first = fixture.open();
        String sessionId = first.connect();
        ask(first, "login:alice");
        closeAndAwait(first);

        clock.advance(MAX_AGE.plusSeconds(1));
        FakeConnection later = fixture.open();

        assertThat(later.connect(sessionId)).isNotEqualTo(sessionId).matches("[A-Za-z0-9_-]{32}");
        assertThat(ask(later, "who")).isEqualTo("nobody");
    }

    @Test
    void sessionUnusedForLessThanTheMaxAgeIsKept() throws InterruptedException {
        FakeConnection first = fixture.open();
        String sessionId = first.connect();
        closeAndAwait(first);

        clock.advance(MAX_AGE.minusSeconds(1));
        FakeConnection later = fixture.open();

        assertThat(later.connect(sessionId)).isEqualTo(sessionId);
    }

    @Test
    void sessionInUseForLongerThanTheMaxAgeSurvivesItsLastDisconnect() throws InterruptedException {
        FakeConnection socket = fixture.open();
        String sessionId = socket.connect();
        ask(socket, "login:alice");

        // The tab stays open for hours without touching its session, then reloads.
        clock.advance(MAX_AGE.multipliedBy(5));
        closeAndAwait(socket);
        clock.advance(Duration.ofSeconds(1));
        FakeConnection reloaded = fixture.open();

        assertThat(reloaded.connect(sessionId)).isEqualTo(sessionId);
        assertThat(ask(reloaded, "who")).isEqualTo("alice");
    }

    static Stream<String> forgedSessionIds() {
        return Stream.of(
                "\"../../etc\"",
                "\"../../etc/passwd/AAAAAAAAAAAA\"",
                "12345",
                "12345678901234567890",
                "\"" + "A".repeat(200) + "\"",
                "\"" + "A".repeat(15) + "\"",
                "\"AAAAAAAAAAAAAAAA AAAAAAAAAAAAAAA\"",
                "\"AAAAAAAAAAAAAAAA\\nAAAAAAAAAAAAAAA\"",
                "\"\"",
                "null",
                "true",
                "{\"id\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
                "[\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"]");
    }

    @ParameterizedTest
    @MethodSource("forgedSessionIds")
    void malformedSessionIdGetsANewIdWithoutReachingTheStore(String presented) {
        FakeConnection socket = fixture.open();

        String answered = socket.connectPresenting(presented);

        assertThat(answered).matches("[A-Za-z0-9_-]{32}").isNotEqualTo(presented);
        assertThat(store.loads()).isEmpty();
        assertThat(connections().sessionOf(socket.id())).contains(answered);
    }

    @Test
    void wellFormedUnknownSessionIdGetsANewId() {
        FakeConnection socket = fixture.open();
        String unknown = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        String answered = socket.connect(unknown);

        assertThat(answered).matches("[A-Za-z0-9_-]{32}").isNotEqualTo(unknown);
        assertThat(store.loads()).containsExactly(unknown);
    }

    @Test
    void everyNewSessionGetsItsOwnId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(fixture.open().connect());
        }
        assertThat(ids).hasSize(20).allMatch(id -> id.matches("[A-Za-z0-9_-]{32}"));
    }

    @Test
    void aSocketCompletesTheHandshakeOnce() {
        FakeConnection socket = fixture.open();
        String sessionId = socket.connect();

        socket.receive("0|5|{\"c\":\"connect\",\"sessionId\":false}");

        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"This socket already completed "
                + "the connect handshake\",\"service\":\"_system\",\"serviceId\":0,\"callbackId\":5}");
        assertThat(connections().sessionOf(socket.id())).contains(sessionId);
    }

    @Test
    void connectionsListOnlySocketsThatCompletedTheHandshake() {
        FakeConnection waiting = fixture.open();
        FakeConnection first = fixture.open();
        FakeConnection second = fixture.open();
        String firstSession = first.connect();
        String secondSession = second.connect();

        assertThat(connections().count()).isEqualTo(2);
        assertThat(connections().socketIds()).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(connections().sessionOf(first.id())).contains(firstSession);
        assertThat(connections().sessionOf(second.id())).contains(secondSession);
        assertThat(connections().sessionOf(waiting.id())).isEmpty();
        assertThat(connections().sessionOf("nope")).isEmpty();
        assertThat(connections().socketsOfSession(firstSession)).containsExactly(first.id());
        assertThat(connections().socketsOfSession("nope")).isEmpty();
        assertThat(connections().session("nope")).isEmpty();
    }

    @Test
    void connectAndDisconnectListenersSeeHandshakenSocketsOnly() throws InterruptedException {
        FakeConnection neverConnected = fixture.open("10.0.0.1");
        FakeConnection socket = fixture.open("10.0.0.2");
        String sessionId = socket.connect();

        ConnectionEvent connected = connects.poll(5, TimeUnit.SECONDS);
        assertThat(connected).isEqualTo(new ConnectionEvent(socket.id(), "10.0.0.2", "memory", sessionId));

        neverConnected.closeByClient();
        socket.closeByClient();

        assertThat(List.of(forgotten.poll(5, TimeUnit.SECONDS), forgotten.poll(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder(neverConnected.id(), socket.id());
        // Disconnect listeners run after the middleware's onDisconnect, so wait for the one expected event.
        assertThat(disconnects.poll(5, TimeUnit.SECONDS)).isEqualTo(connected);
        assertThat(connects).isEmpty();
    }
}
