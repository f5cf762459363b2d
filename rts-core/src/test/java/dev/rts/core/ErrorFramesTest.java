package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Feature;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ErrorFramesTest {

    record Point(int x, int y) {
    }

    private final ServerFixture fixture = new ServerFixture();

    /** Throws for {@code fail:<kind>}, answers {@code ok <payload>} otherwise. */
    private final FakeService boom = FakeService.named("boom").features(Feature.CALLBACKS)
            .handler((message, request, reply) -> {
                switch (message.text()) {
                    case "fail:state" -> throw new IllegalStateException("Kaboom: the flux capacitor is empty");
                    case "fail:argument" -> throw new IllegalArgumentException("Expected a number but got 'x'");
                    case "fail:checked" -> throw new IOException("Disk full");
                    case "fail:nameless" -> throw new IOException();
                    case "fail:assertion" -> throw new AssertionError("Invariant broken");
                    case "fail:session" -> request.session();
                    default -> reply.send("ok " + message.text());
                }
            });

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static String error(String message) {
        return "0||{\"type\":\"error\",\"message\":\"" + message + "\"}";
    }

    private static String error(String message, String service, int serviceId, long callbackId) {
        return "0||{\"type\":\"error\",\"message\":\"" + message + "\",\"service\":\"" + service + "\",\"serviceId\":"
                + serviceId + (callbackId == 0 ? "" : ",\"callbackId\":" + callbackId) + "}";
    }

    // ---- a throwing handler ----

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
        "fail:state     # Kaboom: the flux capacitor is empty",
        "fail:argument  # Expected a number but got 'x'",
        "fail:checked   # Disk full",
        "fail:nameless  # IOException",
        "fail:assertion # Invariant broken",
        "fail:session   # Service 'boom' does not use sessions; add Feature.SESSIONS to its features()",
    })
    void throwingHandlerGetsAnErrorFrameWithItsMessageAndTheConnectionKeepsWorking(String payload, String message) {
        fixture.start(fixture.builder().service(boom));
        FakeConnection socket = fixture.open("10.0.0.1");

        socket.receive("1|3|" + payload);
        assertThat(socket.nextSent()).isEqualTo(error(message, "boom", 1, 3));

        socket.receive("1|4|still there");
        assertThat(socket.nextSent()).isEqualTo("1|4|ok still there");
        socket.assertNoMoreSent();
    }

    @Test
    void errorWithoutCallbackIdHasNoCallbackIdField() {
        fixture.start(fixture.builder().service(boom));
        FakeConnection socket = fixture.open("10.0.0.1");

        socket.receive("1||fail:checked");

        assertThat(socket.nextSent()).isEqualTo(error("Disk full", "boom", 1, 0));
        socket.assertNoMoreSent();
    }

    @Test
    void loopbackClientsOfADevelopmentServerGetNoStackTraceUnlessTheAppOptsIn() {
        fixture.start(fixture.builder().service(boom));
        FakeConnection local = fixture.open("127.0.0.1");

        local.receive("1|3|fail:state");

        assertThat(local.nextSent()).isEqualTo(error("Kaboom: the flux capacitor is empty", "boom", 1, 3));
        local.assertNoMoreSent();
    }

    @Test
    void clientsGetTheStackTraceWhenTheAppOptsInByName() {
        fixture.start(fixture.builder().stackTracesToClients(true).service(boom));
        FakeConnection local = fixture.open("127.0.0.1");
        FakeConnection localV6 = fixture.open("::1");

        local.receive("1|3|fail:state");
        localV6.receive("1|3|fail:state");

        String expectedStart = "0||{\"type\":\"error\",\"message\":\"Kaboom: the flux capacitor is empty\","
                + "\"service\":\"boom\",\"serviceId\":1,\"callbackId\":3,\"stack\":\"java.lang.IllegalStateException: "
                + "Kaboom: the flux capacitor is empty\\n\\tat ";
        assertThat(local.nextSent()).startsWith(expectedStart).endsWith("\"}");
        assertThat(localV6.nextSent()).startsWith(expectedStart);
        local.assertNoMoreSent();
        localV6.assertNoMoreSent();
    }

    @Test
    void productionServersNeverSendStackTracesEvenToLoopbackClients() {
        fixture.start(fixture.builder().production(true).service(boom));
        FakeConnection local = fixture.open("127.0.0.1");

        local.receive("1|3|fail:state");
        local.receive("1|4|fail:argument");

        assertThat(local.nextSent()).isEqualTo(error("Kaboom: the flux capacitor is empty", "boom", 1, 3));
        assertThat(local.nextSent()).isEqualTo(error("Expected a number but got 'x'", "boom", 1, 4));
        local.assertNoMoreSent();
    }

    @Test
    void jsonThatDoesNotFitIsReportedToTheSender() {
        fixture.start(fixture.builder().service(FakeService.named("shapes").features(Feature.JSON, Feature.CALLBACKS)
                .handler((message, request, reply) -> reply.send(message.decode(Point.class)))));
        FakeConnection socket = fixture.open("10.0.0.1");

        socket.receive("1|1|{\"x\":1,\"y\":2}");
        socket.receive("1|2|");

        assertThat(socket.nextSent()).isEqualTo("1|1|{\"x\":1,\"y\":2}");
        assertThat(socket.nextSent()).isEqualTo(error("Expected a JSON object but found an empty text", "shapes", 1,
                2));
        socket.assertNoMoreSent();
    }

    // ---- what the server refuses before any handler runs ----

    @Test
    void serviceWithoutAMessageHandlerDoesNotAcceptMessages() {
        fixture.start(fixture.builder().service(FakeService.named("quiet").features(Feature.CALLBACKS)));
        FakeConnection socket = fixture.open();

        socket.receive("1|6|hello");
        socket.receive("1||hello");

        assertThat(socket.nextSent()).isEqualTo(error("Service 'quiet' does not accept messages", "quiet", 1, 6));
        assertThat(socket.nextSent()).isEqualTo(error("Service 'quiet' does not accept messages", "quiet", 1, 0));
        socket.assertNoMoreSent();
    }

    @Test
    void sessionServiceNeedsTheHandshakeFirst() {
        fixture.start(fixture.builder().service(FakeService.named("acct")
                .features(Feature.SESSIONS, Feature.CALLBACKS)
                .handler((message, request, reply) -> reply.send(request.session().userId().orElse("nobody")))));
        FakeConnection socket = fixture.open();

        socket.receive("1|2|who");
        assertThat(socket.nextSent()).isEqualTo(error("Service 'acct' needs a session: send the connect handshake to "
                + "service 0 first", "acct", 1, 2));

        socket.connect();
        socket.receive("1|3|who");
        assertThat(socket.nextSent()).isEqualTo("1|3|nobody");
        socket.assertNoMoreSent();
    }

    @Test
    void binaryFramesForAServiceWithoutBinaryAreRefusedAndTheSocketStaysUsable() {
        fixture.start(fixture.builder().service(boom));
        FakeConnection socket = fixture.open();

        socket.receiveBinary("1|4|", new byte[8]);
        socket.receiveBinary("0|1|", new byte[] {'{', '}'});

        assertThat(socket.nextSent()).isEqualTo(error("Service 'boom' does not accept binary frames; send it text "
                + "frames (received 12 bytes)", "boom", 1, 4));
        assertThat(socket.nextSent()).isEqualTo(error("Service '_system' does not accept binary frames; send it text "
                + "frames (received 6 bytes)", "_system", 0, 1));
        socket.receive("1|1|text");
        assertThat(socket.nextSent()).isEqualTo("1|1|ok text");
        socket.assertNoMoreSent();
    }

    @Test
    void malformedFramesAreAnsweredWithTheCodecMessage() {
        fixture.start(fixture.builder().service(boom));
        FakeConnection socket = fixture.open();

        socket.receive("no bar at all");
        socket.receive("x|1|{}");
        socket.receive("7|1|{}");
        socket.receive("1|nothing");
        socket.receive("1|0|zero");

        assertThat(socket.nextSent()).isEqualTo(error("Malformed frame: expected '<serviceId>|<payload>' but found no "
                + "'|' in 'no bar at all'"));
        assertThat(socket.nextSent()).isEqualTo(error("Malformed frame: expected a numeric service id but found 'x'"));
        assertThat(socket.nextSent()).isEqualTo(error("Unknown service id 7; this server has ids 0 to 1 (send "
                + "{\\\"c\\\":\\\"discover\\\"} to service 0 to list them)"));
        assertThat(socket.nextSent()).isEqualTo(error("Malformed frame: service 1 uses callbacks, so expected "
                + "'1|<callbackId>|<payload>' (callbackId may be empty) but found no second '|' in '1|nothing'", "boom",
                1, 0));
        assertThat(socket.nextSent()).isEqualTo(error("Malformed frame: callback id must be a positive integer or "
                + "empty but was '0'", "boom", 1, 0));
        socket.receive("1|2|fine");
        assertThat(socket.nextSent()).isEqualTo("1|2|ok fine");
        socket.assertNoMoreSent();
    }

    @Test
    void badSystemCommandsAreExplained() {
        fixture.start(fixture.builder());
        FakeConnection socket = fixture.open();

        socket.receive("0|3|");
        socket.receive("0|4|{\"c\":\"bogus\"}");
        socket.receive("0|5|{}");
        socket.receive("0|6|{c:connect,sessionId:NaN}");
        socket.receive("0|7|hello");

        assertThat(socket.nextSent()).isEqualTo(error("System command must be a JSON object like {\\\"c\\\":"
                + "\\\"connect\\\"}: Expected a JSON object but found an empty text", "_system", 0, 3));
        assertThat(socket.nextSent()).isEqualTo(error("Unknown system command 'bogus'; expected 'connect', "
                + "'discover' or 'refresh'", "_system", 0, 4));
        assertThat(socket.nextSent()).isEqualTo(error("Unknown system command (none); expected 'connect', "
                + "'discover' or 'refresh'", "_system", 0, 5));
        // Strict JSON: what a lenient parser would guess at is refused, in RTS's words, not the parser's.
        assertThat(socket.nextSent()).isEqualTo(error("System command must be a JSON object like {\\\"c\\\":"
                + "\\\"connect\\\"}: Malformed JSON at line 1 column 3; names and strings take double quotes, and "
                + "comments, trailing commas, NaN and Infinity are not JSON", "_system", 0, 6));
        assertThat(socket.nextSent()).isEqualTo(error("System command must be a JSON object like {\\\"c\\\":"
                + "\\\"connect\\\"}: Expected a JSON object but found 'hello'", "_system", 0, 7));
        socket.assertNoMoreSent();
    }

    // ---- too many messages waiting ----

    @Test
    void overflowingThePendingQueueGetsOneErrorFrameForTheRunOfDropsAndProcessingResumesAfterwards() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fixture.start(fixture.builder().maxPendingMessages(2).service(FakeService.named("slow")
                .handler((message, request, reply) -> {
                    if (message.text().equals("block")) {
                        entered.countDown();
                        assertThat(release.await(5, TimeUnit.SECONDS)).isTrue();
                    }
                    reply.send(message.text());
                })));
        FakeConnection socket = fixture.open();
        try {
            socket.receive("1|block");
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            // The handler is busy: two messages fit in the queue, the next two do not.
            socket.receive("1|m1");
            socket.receive("1|m2");
            socket.receive("1|m3");
            socket.receive("1|m4");
        } finally {
            release.countDown();
        }

        // The drop is answered at once, on the I/O thread; one error for a run of drops without callback ids.
        assertThat(socket.nextSent()).isEqualTo(error("Too many messages waiting on this socket (at most 2); this "
                + "message was dropped", "slow", 1, 0));
        assertThat(socket.nextSent()).isEqualTo("1|block");
        assertThat(socket.nextSent()).isEqualTo("1|m1");
        assertThat(socket.nextSent()).isEqualTo("1|m2");
        socket.receive("1|after");
        assertThat(socket.nextSent()).isEqualTo("1|after");
        socket.assertNoMoreSent();
    }
}
