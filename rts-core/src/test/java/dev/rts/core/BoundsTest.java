package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Feature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the core does at each bound a client can push against: answers, closes, refusals. */
@Timeout(20)
class BoundsTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static String error(String message, String service, int serviceId, long callbackId) {
        return "0||{\"type\":\"error\",\"message\":\"" + message + "\",\"service\":\"" + service + "\",\"serviceId\":"
                + serviceId + (callbackId == 0 ? "" : ",\"callbackId\":" + callbackId) + "}";
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static FakeService callbackEcho(String name) {
        return FakeService.named(name).features(Feature.CALLBACKS).handler((message, request, reply) ->
                reply.send(message.text()));
    }

    // ---- floods answered ----

    @Test
    void everyCallDroppedForAFullQueueGetsItsOwnErrorNamingItsCallbackId() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fixture.start(fixture.builder().maxPendingMessages(2).service(FakeService.named("slow")
                .features(Feature.CALLBACKS).handler((message, request, reply) -> {
                    if (message.text().equals("block")) {
                        entered.countDown();
                        assertThat(release.await(5, TimeUnit.SECONDS)).isTrue();
                    }
                    reply.send(message.text());
                })));
        FakeConnection socket = fixture.open();
        try {
            socket.receive("1|1|block");
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            for (int call = 2; call <= 10; call++) {
                socket.receive("1|" + call + "|m" + call);
            }
            // Calls 4 to 10 did not fit: each is answered at once, before the handler is released.
            for (int call = 4; call <= 10; call++) {
                assertThat(socket.nextSent()).isEqualTo(error("Too many messages waiting on this socket (at most 2); "
                        + "this message was dropped", "slow", 1, call));
            }
        } finally {
            release.countDown();
        }
        assertThat(socket.nextSent()).isEqualTo("1|1|block");
        assertThat(socket.nextSent()).isEqualTo("1|2|m2");
        assertThat(socket.nextSent()).isEqualTo("1|3|m3");
        socket.assertNoMoreSent();
    }

    @Test
    void aRateLimitIsOnByDefaultAndEveryCallOverItIsAnswered() {
        fixture.start(fixture.builder().service(callbackEcho("echo")));
        FakeConnection socket = fixture.open();

        for (int call = 1; call <= 400; call++) {
            socket.receive("1|" + call + "|m");
        }

        int answered = 0;
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            String frame = socket.nextSent();
            if (frame.startsWith("1|")) {
                answered++;
            } else {
                assertThat(frame).startsWith("0||{\"type\":\"error\",\"message\":\"Rate limit exceeded: at most 100 "
                        + "messages per second per socket (bursts of 200); this message was dropped\",\"service\":"
                        + "\"echo\",\"serviceId\":1,\"callbackId\":");
                refused++;
            }
        }
        assertThat(answered).isBetween(200, 300);
        assertThat(refused).isEqualTo(400 - answered);
        assertNoMoreSentOnceTheBudgetRefills(socket);
    }

    /**
     * {@link FakeConnection#assertNoMoreSent()} for a socket whose rate budget a flood has just emptied: its barrier (a
     * {@code discover}) may itself be dropped, and is then answered with an error naming its callback id. Send barriers
     * until one passes (the budget refills one message per 10 ms); only those refusals may come before its answer.
     */
    private static void assertNoMoreSentOnceTheBudgetRefills(FakeConnection socket) {
        for (long barrier = 1_000_001; ; barrier++) {
            socket.receive("0|" + barrier + "|{\"c\":\"discover\"}");
            String frame = socket.nextSent();
            if (frame.startsWith("0|" + barrier + "|")) {
                return;
            }
            assertThat(frame).as("a frame sent after the flood's answers").contains("Rate limit exceeded")
                    .contains("\"callbackId\":" + barrier);
        }
    }

    @Test
    void theRateLimitIsOffOnlyWhenTurnedOffExplicitly() {
        fixture.start(fixture.builder().noMessageRateLimit().maxPendingMessages(1000).service(callbackEcho("echo")));
        FakeConnection socket = fixture.open();

        for (int call = 1; call <= 400; call++) {
            socket.receive("1|" + call + "|m");
        }

        for (int call = 1; call <= 400; call++) {
            assertThat(socket.nextSent()).isEqualTo("1|" + call + "|m");
        }
        socket.assertNoMoreSent();
    }

    @Test
    void aSocketThatKeepsSendingWhileItsMessagesAreDroppedIsClosedWith1008() {
        fixture.start(fixture.builder().messageRate(1, 1).service(callbackEcho("echo")));
        FakeConnection socket = fixture.open();

        socket.receive("1||first");
        assertThat(socket.nextSent()).isEqualTo("1||first");
        for (int i = 0; i < 1025; i++) {
            socket.receive("1||flood");
        }

        assertThat(socket.closeCode()).isEqualTo(1008);
        assertThat(socket.closeReason()).isEqualTo("Too many messages: 1024 in a row were dropped");
        // Messages without a callback id: one error for the run of drops, not one each.
        assertThat(socket.nextSent()).isEqualTo(error("Rate limit exceeded: at most 1 messages per second per socket "
                + "(bursts of 1); this message was dropped", "echo", 1, 0));
        assertThat(socket.unread()).isEmpty();
    }

    // ---- handshake deadline ----

    @Test
    void aSocketThatNeverCompletesTheHandshakeIsClosedWithAStatedReason() {
        fixture.start(fixture.builder().handshakeTimeout(Duration.ofMillis(300)));
        FakeConnection connected = fixture.connected();
        FakeConnection silent = fixture.open();

        await(() -> !silent.isOpen(), "the silent socket closed");

        assertThat(silent.closeCode()).isEqualTo(1008);
        assertThat(silent.closeReason()).isEqualTo("Connect handshake not completed within 300 ms");
        assertThat(connected.isOpen()).as("the socket that completed its handshake earlier").isTrue();
        connected.assertNoMoreSent();
    }

    // ---- sessions ----

    @Test
    void newSessionsPerAddressAreLimitedButPresentedSessionsAndOtherAddressesAreNot() {
        fixture.start(fixture.builder().newSessionsPerAddress(1, 3));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(fixture.open("10.0.0.1").connect());
        }
        FakeConnection refused = fixture.open("10.0.0.1");
        refused.receive("0|7|{\"c\":\"connect\",\"sessionId\":false}");

        assertThat(refused.nextSent()).isEqualTo(error("Too many new sessions from this address (at most 1 per "
                + "second); connect again later with the session id you were given", "_system", 0, 7));
        await(() -> !refused.isOpen(), "the refused socket closed");
        assertThat(refused.closeCode()).isEqualTo(1008);
        assertThat(refused.closeReason()).isEqualTo("Too many new sessions from this address");
        assertThat(fixture.open("10.0.0.1").connect(ids.get(0))).isEqualTo(ids.get(0));
        assertThat(fixture.open("10.0.0.2").connect()).isNotIn(ids);
    }

    // ---- fatal errors ----

    @Test
    void anOutOfMemoryErrorInAHandlerGoesToTheFatalErrorHandler() throws Exception {
        LinkedBlockingQueue<Error> fatal = new LinkedBlockingQueue<>();
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        fixture.start(fixture.builder().onFatalError(fatal::add).service(FakeService.named("greedy")
                .handler((message, request, reply) -> {
                    throw oom;
                })));
        FakeConnection socket = fixture.open();

        socket.receive("1|allocate");

        assertThat(fatal.poll(5, TimeUnit.SECONDS)).isSameAs(oom);
        socket.assertNoMoreSent();
    }
}
