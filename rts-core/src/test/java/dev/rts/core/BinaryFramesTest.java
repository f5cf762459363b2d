package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Feature;
import dev.rts.core.spi.OutboundFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Binary frames through the core: routing, callbacks both ways, order with text, fan-out and the bounds.
 */
@Timeout(10)
class BinaryFramesTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, '|', (byte) 0xff};

    private final ServerFixture fixture = new ServerFixture();
    private final LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
    /**
     * Answers a binary message with JSON describing it, and a text message with its bytes reversed: both directions
     * of "a request of one kind, a reply of the other".
     */
    private final FakeService blobs = FakeService.named("blobs")
            .features(Feature.JSON, Feature.CALLBACKS, Feature.BINARY)
            .handler((message, request, reply) -> {
                if (message.isBinary()) {
                    ByteBuffer buffer = message.buffer();
                    seen.add("read-only " + buffer.isReadOnly() + ", position " + buffer.position());
                    reply.send(List.of("bytes", message.bytes().length, Arrays.toString(message.bytes())));
                } else {
                    byte[] text = message.decode(String.class).getBytes(StandardCharsets.UTF_8);
                    byte[] reversed = new byte[text.length];
                    for (int i = 0; i < text.length; i++) {
                        reversed[i] = text[text.length - 1 - i];
                    }
                    reply.sendBytes(ByteBuffer.wrap(reversed));
                }
            });

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static byte[] frame(String header, byte[] payload) {
        return FakeConnection.binaryFrame(header, payload);
    }

    @Test
    void aBinaryRequestGetsAJsonReplyOnItsCallback() {
        fixture.start(fixture.builder().service(blobs));
        FakeConnection socket = fixture.connected();

        socket.receiveBinary("1|7|", PNG);

        assertThat(socket.nextSent()).isEqualTo("1|7|[\"bytes\",7,\"[-119, 80, 78, 71, 0, 124, -1]\"]");
        assertThat(seen.poll()).isEqualTo("read-only true, position 0");
        socket.assertNoMoreSent();
    }

    @Test
    void aTextRequestGetsABinaryReplyOnItsCallback() {
        fixture.start(fixture.builder().service(blobs));
        FakeConnection socket = fixture.connected();

        socket.receive("1|8|\"abc\"");

        assertThat(socket.nextBinary()).isEqualTo(frame("1|8|", new byte[] {'c', 'b', 'a'}));
        socket.assertNoMoreSent();
    }

    @Test
    void textAndBinaryFramesOnOneSocketAreHandledInArrivalOrder() {
        fixture.start(fixture.builder().service(blobs));
        FakeConnection socket = fixture.connected();

        socket.receive("1|1|\"xy\"");
        socket.receiveBinary("1|2|", new byte[] {1});
        socket.receive("1|3|\"z\"");
        socket.receiveBinary("1||", new byte[] {2, 3});

        assertThat(socket.nextBinary()).isEqualTo(frame("1|1|", new byte[] {'y', 'x'}));
        assertThat(socket.nextSent()).isEqualTo("1|2|[\"bytes\",1,\"[1]\"]");
        assertThat(socket.nextBinary()).isEqualTo(frame("1|3|", new byte[] {'z'}));
        assertThat(socket.nextSent()).as("no callback id: the reply goes to the generic handler")
                .isEqualTo("1||[\"bytes\",2,\"[2, 3]\"]");
        socket.assertNoMoreSent();
    }

    @Test
    void aBinaryMessageHasNoTextAndCannotBeDecodedAsJson() {
        fixture.start(fixture.builder().service(FakeService.named("raw").features(Feature.CALLBACKS, Feature.BINARY)
                .handler((message, request, reply) -> reply.send(message.text()))));
        FakeConnection socket = fixture.connected();

        socket.receiveBinary("1|5|", PNG);

        assertThat(socket.nextSent()).startsWith("0||{\"type\":\"error\",\"message\":\"The message for service 'raw' "
                + "is binary; read it with buffer() or bytes()\",\"service\":\"raw\",\"serviceId\":1,"
                + "\"callbackId\":5");
        socket.assertNoMoreSent();
    }

    @Test
    void aMalformedBinaryHeaderGetsAnErrorFrameAndTheSocketStaysUsable() {
        fixture.start(fixture.builder().service(blobs));
        FakeConnection socket = fixture.connected();

        socket.receiveBinary("", PNG);
        socket.receiveBinary("9|", PNG);
        socket.receiveBinary("1|x|", PNG);

        assertThat(socket.nextSent()).as("the payload's own '|' ends the unprintable 'id'")
                .isEqualTo("0||{\"type\":\"error\",\"message\":\"Malformed frame: expected a numeric service id "
                        + "but found '?PNG?'\"}");
        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"Unknown service id 9; this "
                + "server has ids 0 to 1 (send {\\\"c\\\":\\\"discover\\\"} to service 0 to list them)\"}");
        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"Malformed frame: expected a "
                + "numeric callback id but found 'x'\",\"service\":\"blobs\",\"serviceId\":1}");
        socket.receiveBinary("1|2|", new byte[] {9});
        assertThat(socket.nextSent()).isEqualTo("1|2|[\"bytes\",1,\"[9]\"]");
        seen.clear();
    }

    @Test
    void sendingBytesToManySocketsSharesOneFrameInsteadOfOneCopyPerSocket() {
        fixture.start(fixture.builder().service(blobs));
        FakeConnection a = fixture.connected();
        FakeConnection b = fixture.connected();
        FakeConnection c = fixture.connected();
        ByteBuffer payload = ByteBuffer.wrap(PNG);

        int listed = blobs.context().sendBytes(List.of(a.id(), b.id(), "gone"), payload);
        int everyone = blobs.context().broadcastBytes(payload);

        assertThat(listed).isEqualTo(2);
        assertThat(everyone).isEqualTo(3);
        assertThat(payload.position()).as("the caller's buffer is not consumed").isZero();
        OutboundFrame toA = a.nextFrame();
        assertThat(b.nextFrame()).isSameAs(toA);
        OutboundFrame broadcast = a.nextFrame();
        assertThat(b.nextFrame()).isSameAs(broadcast);
        assertThat(c.nextFrame()).isSameAs(broadcast);
        assertThat(broadcast.isBinary()).isTrue();
        assertThat(bytes(broadcast)).isEqualTo(frame("1||", PNG));
        // Each socket reads its own view of the one array, so one write cannot move another's position.
        assertThat(broadcast.bytes()).isNotSameAs(broadcast.bytes());
        assertThat(broadcast.bytes().isReadOnly()).isTrue();
    }

    @Test
    void sendingBytesToOneSocket() {
        fixture.start(fixture.builder().service(blobs));
        FakeConnection socket = fixture.connected();

        assertThat(blobs.context().sendBytes(socket.id(), ByteBuffer.wrap(PNG, 1, 3))).isTrue();
        assertThat(blobs.context().sendBytes("gone", ByteBuffer.wrap(PNG))).isFalse();

        assertThat(socket.nextBinary()).isEqualTo(frame("1||", new byte[] {'P', 'N', 'G'}));
    }

    @Test
    void aServiceWithoutBinaryCannotSendBytes() {
        FakeService text = FakeService.named("text").features(Feature.JSON);
        fixture.start(fixture.builder().service(text));
        FakeConnection socket = fixture.connected();

        assertThatThrownBy(() -> text.context().broadcastBytes(ByteBuffer.wrap(PNG)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Service 'text' tried to send bytes but does not use Feature.BINARY; add it to features() "
                        + "so that clients expect binary frames");
        assertThatThrownBy(() -> text.context().sendBytes(socket.id(), ByteBuffer.wrap(PNG)))
                .isInstanceOf(IllegalStateException.class);
        socket.assertNoMoreSent();
    }

    @Test
    void middlewareSeesBinaryMessagesAndTheRateLimitCountsThem() {
        AtomicLong nanos = new AtomicLong();
        LinkedBlockingQueue<String> inspected = new LinkedBlockingQueue<>();
        Middleware inspector = (message, chain) -> {
            inspected.add(message.isBinary() + " " + message.bytes().remaining());
            chain.next(message);
        };
        fixture.start(fixture.builder().middleware(inspector).middleware(new RateLimiter(2, nanos::get))
                .service(blobs));
        FakeConnection socket = fixture.connected();

        socket.receiveBinary("1|1|", new byte[] {1});
        socket.receive("1|2|\"a\"");
        socket.receiveBinary("1|3|", new byte[] {3});

        assertThat(socket.nextSent()).isEqualTo("1|1|[\"bytes\",1,\"[1]\"]");
        assertThat(socket.nextBinary()).isEqualTo(frame("1|2|", new byte[] {'a'}));
        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"Rate limit exceeded: at most 2 "
                + "messages per second per socket; messages over the limit are dropped\",\"service\":\"blobs\","
                + "\"serviceId\":1,\"callbackId\":3}");
        assertThat(inspected).containsExactly("true 1", "false 3", "true 1");
    }

    @Test
    void binaryFramesCountTowardsThePendingMessageBound() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fixture.start(fixture.builder().maxPendingMessages(1).service(FakeService.named("slow")
                .features(Feature.BINARY)
                .handler((message, request, reply) -> {
                    if (!message.isBinary()) {
                        entered.countDown();
                        assertThat(release.await(5, TimeUnit.SECONDS)).isTrue();
                    }
                    reply.sendBytes(message.buffer());
                })));
        FakeConnection socket = fixture.open();
        try {
            socket.receive("1|block");
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            socket.receiveBinary("1|", new byte[] {1});
            socket.receiveBinary("1|", new byte[] {2});
        } finally {
            release.countDown();
        }

        // The drop is answered at once, on the I/O thread, before the blocked handler is released.
        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"Too many messages waiting on "
                + "this socket (at most 1); this message was dropped\",\"service\":\"slow\",\"serviceId\":1}");
        assertThat(socket.nextBinary()).isEqualTo(frame("1|", "block".getBytes(StandardCharsets.UTF_8)));
        assertThat(socket.nextBinary()).isEqualTo(frame("1|", new byte[] {1}));
        socket.assertNoMoreSent();
    }

    private static byte[] bytes(OutboundFrame frame) {
        ByteBuffer buffer = frame.bytes();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
