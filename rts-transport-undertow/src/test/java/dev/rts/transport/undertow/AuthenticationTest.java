package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rts.core.HandshakeRequest;
import dev.rts.core.RtsServer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Authenticated handshakes over real sockets: refusals before the upgrade, identities, sessions, expiry, refresh. */
@Timeout(60)
class AuthenticationTest {

    private static final Pattern SESSION = Pattern.compile("\"sessionId\":\"([^\"]+)\"");
    private static final Pattern EXPIRES = Pattern.compile("\"expiresIn\":(\\d+)");

    private final List<TestSocket> sockets = new ArrayList<>();
    private TestAuthenticator authenticator;
    private RtsServer server;
    private int port;

    private void start(Duration lifetime) {
        authenticator = new TestAuthenticator(lifetime);
        server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0)
                .service(new TestAuthenticator.WhoAmI())
                .service(new TestServices.Echo())
                .authenticator(authenticator)
                .authenticationTimeout(Duration.ofSeconds(1))
                .noMessageRateLimit()
                .build();
        server.start();
        port = server.port();
    }

    @AfterEach
    void stop() {
        sockets.forEach(TestSocket::abort);
        if (server != null) {
            server.stop();
        }
    }

    private TestSocket open(Map<String, String> headers) {
        TestSocket socket = TestSocket.open(port, headers);
        sockets.add(socket);
        return socket;
    }

    private TestSocket openAs(String token) {
        return open(Map.of("Authorization", "Bearer " + token));
    }

    /** Sends the connect handshake presenting a session (or none) and returns the answer. */
    private static String connect(TestSocket socket, String sessionId) {
        socket.send("0|1|{\"c\":\"connect\",\"v\":\"test\",\"sessionId\":"
                + (sessionId == null ? "false" : "\"" + sessionId + "\"") + "}");
        return socket.next();
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
        return m.group(1);
    }

    private String upgradeAnswer(String extraHeaders) throws Exception {
        try (Socket socket = RawHttp.open("127.0.0.1", port, 10_000)) {
            RawHttp.send(socket, RawHttp.upgrade(port, extraHeaders));
            return RawHttp.readAll(socket);
        }
    }

    @Test
    void upgradeWithoutCredentialsIsRefusedWith401BeforeTheUpgrade() throws Exception {
        start(Duration.ofMinutes(5));
        String answer = upgradeAnswer("");
        assertThat(answer).startsWith("HTTP/1.1 401 ").doesNotContain("101").endsWith("\r\n\r\nSign in to connect");
        assertThat(server.connections().count()).isZero();
    }

    @Test
    void upgradeTheAuthenticatorForbidsIsRefusedWith403() throws Exception {
        start(Duration.ofMinutes(5));
        String answer = upgradeAnswer("Cookie: theme=dark; auth=banned\r\n");
        assertThat(answer).startsWith("HTTP/1.1 403 ").endsWith("\r\n\r\nNot allowed to connect");
    }

    @Test
    void authenticatorThatThrowsRefusesWith503InRtsWordsOnly() throws Exception {
        start(Duration.ofMinutes(5));
        String answer = upgradeAnswer("Authorization: Bearer throw\r\n");
        assertThat(answer).startsWith("HTTP/1.1 503 ")
                .endsWith("\r\n\r\nSign-in is unavailable right now; try again later").doesNotContain("hunter2");
    }

    @Test
    void authenticatorThatNeverAnswersRefusesWith503AfterTheTimeout() throws Exception {
        start(Duration.ofMinutes(5));
        long started = System.nanoTime();
        String answer = upgradeAnswer("Authorization: Bearer hang\r\n");
        assertThat(answer).startsWith("HTTP/1.1 503 ");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void theAuthenticatorSeesHeadersCookiesQueryPathAndAddress() throws Exception {
        start(Duration.ofMinutes(5));
        HttpClient.newHttpClient().newWebSocketBuilder().header("X-Tenant", "acme").header("Cookie", "a=1; auth=ann")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/?access_token=guest&x=1&x=2"),
                        new WebSocket.Listener() { })
                .orTimeout(5, TimeUnit.SECONDS).join().abort();
        HandshakeRequest request = authenticator.requests.poll(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.header("x-tenant")).contains("acme");
        assertThat(request.cookie("auth")).contains("ann");
        assertThat(request.cookie("a")).contains("1");
        assertThat(request.queryParameters().get("x")).containsExactly("1", "2");
        assertThat(request.bearerToken()).contains("guest");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void admittedUserAndClaimsReachServicesAndTheSession() {
        start(Duration.ofMinutes(5));
        TestSocket socket = openAs("ann");
        String answer = connect(socket, null);
        assertThat(answer).contains("\"userId\":\"ann\"");
        assertThat(Long.parseLong(group(EXPIRES, answer))).isBetween(200_000L, 300_000L);
        socket.send("1|2|{}");
        assertThat(socket.next()).isEqualTo("1|2|{\"user\":\"ann\",\"claims\":{\"role\":\"admin\",\"round\":1},"
                + "\"sessionUser\":\"ann\"}");
        assertThat(server.connections().socketsOfUser("ann")).hasSize(1);
    }

    @Test
    void aSocketNeverJoinsTheSessionOfAnotherUser() {
        start(Duration.ofMinutes(5));
        String annSession = group(SESSION, connect(openAs("ann"), null));

        TestSocket ann2 = openAs("ann");
        assertThat(group(SESSION, connect(ann2, annSession))).as("another tab of ann shares the session")
                .isEqualTo(annSession);

        TestSocket bob = openAs("bob");
        String bobSession = group(SESSION, connect(bob, annSession));
        assertThat(bobSession).isNotEqualTo(annSession);
        bob.send("1|3|{}");
        assertThat(bob.next()).contains("\"user\":\"bob\"").contains("\"sessionUser\":\"bob\"");

        TestSocket guest = openAs("guest");
        String guestAnswer = connect(guest, annSession);
        assertThat(group(SESSION, guestAnswer)).isNotIn(annSession, bobSession);
        assertThat(guestAnswer).doesNotContain("userId").doesNotContain("expiresIn");
        guest.send("1|4|{}");
        assertThat(guest.next()).isEqualTo("1|4|{\"user\":\"-\",\"claims\":{},\"sessionUser\":\"-\"}");
        assertThat(server.connections().socketsOfUser("ann")).hasSize(2);
    }

    @Test
    void credentialsThatExpireAtTheEndOfTimeAreAdmittedAndRefreshed() {
        start(Duration.ofMinutes(5));
        // Instant.MAX has no count of milliseconds (toEpochMilli overflows): what an app may give for "never".
        TestSocket socket = openAs("forever");
        String answer = connect(socket, null);
        assertThat(answer).contains("\"userId\":\"ann\"").contains("\"expiresIn\":" + Long.MAX_VALUE);
        socket.send("1|2|{}");
        assertThat(socket.next()).contains("\"user\":\"ann\"");

        socket.send("0|3|{\"c\":\"refresh\",\"token\":\"forever\"}");
        assertThat(socket.next()).isEqualTo("0|3|{\"expiresIn\":" + Long.MAX_VALUE + "}");
    }

    @Test
    void credentialsThatExpireWithoutRefreshCloseTheSocketWith4401() {
        start(Duration.ofMillis(1500));
        TestSocket socket = openAs("ann");
        connect(socket, null);
        assertThat(socket.closeCode.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(4401);
        assertThat(socket.awaitCloseReason()).isEqualTo("Credentials expired");
    }

    @Test
    void refreshOverTheOpenSocketExtendsTheExpiryAndUpdatesClaims() {
        start(Duration.ofMillis(2000));
        TestSocket socket = openAs("ann");
        long firstExpiry = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                Long.parseLong(group(EXPIRES, connect(socket, null))));
        int call = 10;
        call = useUntil(socket, call, firstExpiry - TimeUnit.MILLISECONDS.toNanos(800), 1);
        socket.send("0|2|{\"c\":\"refresh\",\"token\":\"ann-2\"}");
        assertThat(socket.next()).matches("0\\|2\\|\\{\"expiresIn\":\\d+}");
        long refreshed = System.nanoTime();
        assertThat(authenticator.refreshes).containsExactly("ann-2");
        // The same socket keeps answering past the first expiry, with the new claims.
        useUntil(socket, call, firstExpiry + TimeUnit.MILLISECONDS.toNanos(300), 2);
        assertThat(socket.closeCode).isNotDone();
        // Without another refresh, the renewed credentials expire too.
        assertThat(socket.closeCode.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(4401);
        assertThat(Duration.ofNanos(System.nanoTime() - refreshed)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    /** Calls whoami until the deadline, checking each answer's round; returns the next callback id. */
    private static int useUntil(TestSocket socket, int call, long deadlineNanos, int round) {
        while (System.nanoTime() - deadlineNanos < 0) {
            socket.send("1|" + call + "|{}");
            assertThat(socket.next()).isEqualTo("1|" + call + "|{\"user\":\"ann\",\"claims\":{\"role\":\"admin\","
                    + "\"round\":" + round + "},\"sessionUser\":\"ann\"}");
            call++;
        }
        return call;
    }

    @Test
    void refreshThatWouldSwitchUsersIsRefusedAndChangesNothing() {
        start(Duration.ofMinutes(5));
        TestSocket socket = openAs("ann");
        connect(socket, null);
        socket.send("0|2|{\"c\":\"refresh\",\"token\":\"bob-2\"}");
        assertThat(socket.next()).isEqualTo("0||{\"type\":\"error\",\"message\":\"Credentials refresh refused: a "
                + "refresh may not switch users; reconnect to sign in as someone else\",\"service\":\"_system\","
                + "\"serviceId\":0,\"callbackId\":2}");
        socket.send("1|3|{}");
        assertThat(socket.next()).isEqualTo("1|3|{\"user\":\"ann\",\"claims\":{\"role\":\"admin\",\"round\":1},"
                + "\"sessionUser\":\"ann\"}");
    }

    @Test
    void refusedRefreshKeepsTheSocketAndItsCredentials() {
        start(Duration.ofMinutes(5));
        TestSocket socket = openAs("ann");
        connect(socket, null);
        socket.send("0|2|{\"c\":\"refresh\",\"token\":\"bad\"}");
        assertThat(socket.next()).contains("\"message\":\"Credentials refresh refused; the socket keeps its "
                + "credentials until they expire\"").contains("\"callbackId\":2");
        socket.send("0|3|{\"c\":\"refresh\",\"token\":\"" + "x".repeat(4097) + "\"}");
        assertThat(socket.next()).contains("\"message\":\"A refresh needs a \\\"token\\\": a string of 1 to 4096 "
                + "characters\"");
        socket.send("1|4|{}");
        assertThat(socket.next()).startsWith("1|4|{\"user\":\"ann\"");
    }

    @Test
    void refreshesAreOneAtATimeAndAtMostFiveInABurst() {
        start(Duration.ofMinutes(5));
        TestSocket socket = openAs("ann");
        connect(socket, null);
        socket.send("0|2|{\"c\":\"refresh\",\"token\":\"hold\"}");
        socket.send("0|3|{\"c\":\"refresh\",\"token\":\"ann-2\"}");
        assertThat(socket.next()).contains("\"message\":\"A refresh is already in progress on this socket; wait for its "
                + "answer\"").contains("\"callbackId\":3");
        authenticator.held.complete(authenticatorUser("ann"));
        assertThat(socket.next()).startsWith("0|2|{\"expiresIn\":");
        // The held refresh took one of the five; refreshes answered one after the other soon run out of the rest
        // (the bucket refills at one per second, so a slow machine may get a few more through).
        long started = System.nanoTime();
        int passed = 0;
        String refusal = null;
        for (int id = 4; id < 14; id++) {
            socket.send("0|" + id + "|{\"c\":\"refresh\",\"token\":\"ann-" + id + "\"}");
            String answer = socket.next();
            if (answer.startsWith("0|" + id + "|{\"expiresIn\":")) {
                passed++;
            } else {
                refusal = answer;
            }
        }
        long refilled = (long) Math.ceil((System.nanoTime() - started) / 1e9);
        assertThat(refusal).startsWith("0||{\"type\":\"error\",\"message\":\"Too many refreshes: at most 1 per second per "
                + "socket (bursts of 5)\",\"service\":\"_system\",\"serviceId\":0,\"callbackId\":");
        assertThat((long) passed).isBetween(4L, 4 + refilled);
    }

    private static dev.rts.core.Admission authenticatorUser(String user) {
        return dev.rts.core.Admission.user(user, Map.of("role", "admin"), java.time.Instant.now().plusSeconds(60));
    }

    @Test
    void theBrowserClientRenewsCredentialsOverTheOpenSocket() throws Exception {
        List<String> node = NodeScript.nodeWithWebSocket();
        assumeThat(node).as("Node with WebSocket support on the PATH").isNotNull();
        start(Duration.ofMillis(1500));
        assertThat(server.clientScript()).contains("RTS sign-in add-on");

        String result = NodeScript.run(node, "auth-client.mjs", port);

        // Asked three times: at 1 s, and after each answered refresh; 3 s on one socket with credentials of 1.5 s.
        assertThat(result).isEqualTo("RESULT {\"asked\":3,\"readies\":1,\"closes\":0,\"errors\":[]}");
        assertThat(authenticator.refreshes).startsWith("ann-1", "ann-2");
    }

    @Test
    void theBrowserClientDoesNotRenewAtOnceCredentialsThatLastLongerThanATimerCanWait() throws Exception {
        List<String> node = NodeScript.nodeWithWebSocket();
        assumeThat(node).as("Node with WebSocket support on the PATH").isNotNull();
        // 30 days: renewing a minute early is still more than setTimeout's 2^31 - 1 ms, which it takes as 1 ms.
        start(Duration.ofDays(30));

        String result = NodeScript.run(node, "auth-long-lived.mjs", port);

        assertThat(result).isEqualTo("RESULT {\"asked\":0,\"errors\":[]}");
        assertThat(authenticator.refreshes).isEmpty();
    }

    @Test
    void theBrowserBundleHasTheSignInAddOnOnlyOnServersWithAnAuthenticator() {
        RtsServer plain = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0).build();
        plain.start();
        try {
            assertThat(plain.clientScript()).doesNotContain("RTS sign-in add-on");
        } finally {
            plain.stop();
        }
    }
}
