package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Feature;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String WARNING = "Rate limit exceeded: at most 8 messages per second per socket; messages "
            + "over the limit are dropped";

    private final ServerFixture fixture = new ServerFixture();
    /** The limiter's clock; it starts far from zero and moves only when a test moves it. */
    private final AtomicLong nanos = new AtomicLong(-7 * SECOND);
    private final RateLimiter limiter = new RateLimiter(8, nanos::get);
    private final LinkedBlockingQueue<String> disconnected = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        // A second middleware after the limiter: its onDisconnect runs after the limiter's, so tests can wait for it.
        Middleware disconnectProbe = new Middleware() {
            @Override
            public void handle(IncomingMessage message, MiddlewareChain chain) {
                chain.next(message);
            }

            @Override
            public void onDisconnect(String socketId) {
                disconnected.add(socketId);
            }
        };
        fixture.start(fixture.builder()
                .middleware(limiter)
                .middleware(disconnectProbe)
                .service(FakeService.named("echo").features(Feature.CALLBACKS).echo()));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static void sendMessages(FakeConnection socket, int first, int last) {
        for (int i = first; i <= last; i++) {
            socket.receive("1|" + i + "|m" + i);
        }
    }

    private static void expectEchoes(FakeConnection socket, int first, int last) {
        for (int i = first; i <= last; i++) {
            assertThat(socket.nextSent()).isEqualTo("1|" + i + "|m" + i);
        }
    }

    @Test
    void messagesWithinTheLimitPass() {
        FakeConnection socket = fixture.open();
        sendMessages(socket, 1, 8);
        expectEchoes(socket, 1, 8);
        socket.assertNoMoreSent();
    }

    @Test
    void everyCallOverTheLimitGetsAnErrorFrameSoThatNoneWaitsForItsTimeout() {
        FakeConnection socket = fixture.open();
        sendMessages(socket, 1, 12);
        expectEchoes(socket, 1, 8);
        for (int callback = 9; callback <= 12; callback++) {
            assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"" + WARNING
                    + "\",\"service\":\"echo\",\"serviceId\":1,\"callbackId\":" + callback + "}");
        }
        socket.assertNoMoreSent();
    }

    @Test
    void messagesWithoutCallbackOverTheLimitAreDroppedSilentlyAfterOneWarning() {
        FakeConnection socket = fixture.open();
        sendMessages(socket, 1, 8);
        for (int i = 0; i < 4; i++) {
            socket.receive("1||no callback " + i);
        }
        expectEchoes(socket, 1, 8);
        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"" + WARNING
                + "\",\"service\":\"echo\",\"serviceId\":1}");
        socket.assertNoMoreSent();
    }

    @Test
    void warningForAMessageWithoutCallbackHasNoCallbackId() {
        FakeConnection socket = fixture.open();
        sendMessages(socket, 1, 8);
        socket.receive("1||no callback");
        expectEchoes(socket, 1, 8);
        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"" + WARNING
                + "\",\"service\":\"echo\",\"serviceId\":1}");
        socket.assertNoMoreSent();
    }

    @Test
    void countResetsOnceASecondHasPassed() {
        FakeConnection socket = fixture.open();
        sendMessages(socket, 1, 8);
        expectEchoes(socket, 1, 8);
        socket.assertNoMoreSent();

        nanos.addAndGet(SECOND - 1);
        socket.receive("1|9|m9");
        assertThat(socket.nextSent()).startsWith("0||{\"type\":\"error\",\"message\":\"" + WARNING);

        nanos.addAndGet(1);
        sendMessages(socket, 10, 17);
        expectEchoes(socket, 10, 17);
        socket.assertNoMoreSent();
    }

    @Test
    void eachSocketHasItsOwnCount() {
        FakeConnection busy = fixture.open();
        FakeConnection calm = fixture.open();
        sendMessages(busy, 1, 10);
        expectEchoes(busy, 1, 8);
        assertThat(busy.nextSent()).startsWith("0||{\"type\":\"error\",\"message\":\"" + WARNING);
        assertThat(busy.nextSent()).startsWith("0||{\"type\":\"error\",\"message\":\"" + WARNING);

        sendMessages(calm, 1, 8);
        expectEchoes(calm, 1, 8);
        busy.assertNoMoreSent();
        calm.assertNoMoreSent();
    }

    @Test
    void systemMessagesAreNotCounted() {
        FakeConnection socket = fixture.open();
        socket.connect();
        for (int i = 0; i < 10; i++) {
            socket.assertNoMoreSent();
        }
        sendMessages(socket, 1, 8);
        expectEchoes(socket, 1, 8);
        socket.assertNoMoreSent();
    }

    @Test
    void stateIsFreedWhenTheSocketDisconnects() throws InterruptedException {
        FakeConnection first = fixture.open();
        FakeConnection second = fixture.open();
        first.receive("1|1|m1");
        second.receive("1|1|m1");
        expectEchoes(first, 1, 1);
        expectEchoes(second, 1, 1);
        assertThat(limiter.trackedSockets()).isEqualTo(2);

        first.closeByClient();
        assertThat(disconnected.poll(5, TimeUnit.SECONDS)).isEqualTo(first.id());
        assertThat(limiter.trackedSockets()).isEqualTo(1);

        second.closeByClient();
        assertThat(disconnected.poll(5, TimeUnit.SECONDS)).isEqualTo(second.id());
        assertThat(limiter.trackedSockets()).isZero();
    }

    @Test
    void limitBelowOneIsRejected() {
        assertThatThrownBy(() -> RateLimiter.perSocket(0))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Rate limit must be at least 1 message per second but was 0");
        assertThat(RateLimiter.DEFAULT_MESSAGES_PER_SECOND).isEqualTo(8);
        assertThat(RateLimiter.perSocket()).isNotNull();
    }
}
