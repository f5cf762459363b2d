package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.ConnectionEvent;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.core.RtsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow consumers are judged by time, not by one spike, over real loopback sockets: a reader whose queue goes over
 * {@code maxQueuedBytes} and drains is kept, one that stays over it for the grace period is dropped then (not at
 * once), and one whose queue reaches the hard cap (4x) is dropped at once.
 *
 * <p>The reader under test has a 4 KiB receive buffer and the server a 16 KiB socket send buffer, so the kernel holds
 * little of what it is sent and the server's own queue grows (by default Linux would absorb megabytes first). A second socket, the watcher, hears when the burst has been queued: only then does the
 * reader start reading, so its queue was over the limit for that long.
 */
@Timeout(60)
class SlowConsumerGraceTest {

    private static final int LIMIT = 64 * 1024;
    private static final int CHUNK = 8 * 1024;
    private static final String CONNECT = "0|1|{\"c\":\"connect\",\"v\":\"test\",\"sessionId\":false}";

    /**
     * Raw strings. {@code watch} makes the sender the watcher; a number N sends the sender N chunks of 8 KiB and then
     * tells the watcher {@code queued N}; {@code tiny N} sends it N frames of one character and then tells the watcher
     * {@code queued tiny N}; {@code ping} answers {@code pong}.
     */
    static final class Burst implements Service {
        final BlockingQueue<ConnectionEvent> disconnects = new LinkedBlockingQueue<>();
        private volatile String watcher;

        @Override
        public String name() {
            return "burst";
        }

        @Override
        public Object start(ServiceContext ctx) {
            ctx.onDisconnect(disconnects::add);
            String chunk = "c".repeat(CHUNK);
            ctx.onMessage((message, request, reply) -> {
                String text = message.text();
                if (text.equals("watch")) {
                    watcher = request.socketId();
                } else if (text.equals("ping")) {
                    ctx.send(request.socketId(), "pong");
                } else if (text.startsWith("tiny ")) {
                    int frames = Integer.parseInt(text.substring(5));
                    for (int i = 0; i < frames; i++) {
                        ctx.send(request.socketId(), "x");
                    }
                    ctx.send(watcher, "queued " + text);
                } else {
                    int chunks = Integer.parseInt(text);
                    for (int i = 0; i < chunks; i++) {
                        ctx.send(request.socketId(), chunk);
                    }
                    ctx.send(watcher, "queued " + chunks);
                }
            });
            return null;
        }
    }

    private final Burst burst = new Burst();
    private RtsServer server;

    private void start(Duration grace) {
        server = RtsServer.builder()
                .discoverServices(false)
                .host("127.0.0.1")
                .port(0)
                .maxQueuedBytes(LIMIT)
                .slowConsumerGrace(grace)
                .socketSendBuffer(16 * 1024)
                .service(burst)
                .build();
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private RawWebSocket open(int receiveBuffer) throws IOException {
        RawWebSocket socket = new RawWebSocket("127.0.0.1", server.port(), 20_000, receiveBuffer);
        send(socket, CONNECT);
        assertThat(socket.read().text()).startsWith("0|1|{\"version\":");
        return socket;
    }

    private static void send(RawWebSocket socket, String text) throws IOException {
        socket.sendText(text.getBytes(StandardCharsets.UTF_8));
    }

    private RawWebSocket watcher() throws IOException {
        RawWebSocket watcher = open(0);
        send(watcher, "1|watch");
        // The socket's messages are handled in order: once "pong" is back, the service knows its watcher, whatever
        // the reader's lane does next on another worker.
        send(watcher, "1|ping");
        assertThat(watcher.read().text()).isEqualTo("1|pong");
        return watcher;
    }

    @Test
    void aReaderThatDrainsABurstOverTheLimitIsKept() throws Exception {
        start(Duration.ofSeconds(10));
        try (RawWebSocket watcher = watcher(); RawWebSocket reader = open(4096)) {
            // 224 KiB, 240 KiB as counted with what each queued frame holds: well over the 64 KiB limit, under the
            // 256 KiB hard cap.
            send(reader, "1|28");
            assertThat(watcher.read().text()).isEqualTo("1|queued 28");

            for (int i = 0; i < 28; i++) {
                assertThat(reader.read().payload()).hasSize(2 + CHUNK);
            }
            send(reader, "1|ping");
            assertThat(reader.read().text()).isEqualTo("1|pong");
            assertThat(burst.disconnects).isEmpty();
        }
    }

    @Test
    void aReaderStuckOverTheLimitIsDroppedAfterTheGraceNotAtOnce() throws Exception {
        Duration grace = Duration.ofSeconds(3);
        start(grace);
        try (RawWebSocket watcher = watcher(); RawWebSocket reader = open(4096)) {
            send(reader, "1|28");
            assertThat(watcher.read().text()).isEqualTo("1|queued 28");
            long queued = System.nanoTime();

            ConnectionEvent dropped = burst.disconnects.poll(30, TimeUnit.SECONDS);
            long afterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queued);

            assertThat(dropped).as("the stuck reader was dropped").isNotNull();
            // The queue went over the limit just before the watcher heard of it; allow the I/O tick's second.
            assertThat(afterMillis).as("ms from the burst to the drop").isGreaterThan(grace.toMillis() - 1_000);
            send(watcher, "1|ping");
            assertThat(watcher.read().text()).as("the other socket is untouched").isEqualTo("1|pong");
        }
    }

    @Test
    void aQueueAtTheHardCapIsDroppedAtOnce() throws Exception {
        start(Duration.ofSeconds(60));
        try (RawWebSocket watcher = watcher(); RawWebSocket reader = open(4096)) {
            // 1 MiB: past the 256 KiB hard cap however much the kernel holds.
            send(reader, "1|128");
            assertThat(watcher.read().text()).isEqualTo("1|queued 128");

            ConnectionEvent dropped = burst.disconnects.poll(20, TimeUnit.SECONDS);

            assertThat(dropped).as("dropped long before the 60 s grace").isNotNull();
            send(watcher, "1|ping");
            assertThat(watcher.read().text()).isEqualTo("1|pong");
        }
    }
    @Test
    void manyTinyFramesCountWhatTheyHoldNotJustTheirBytes() throws Exception {
        // 20,000 frames of 3 bytes ("1|x") are 60,000 bytes, under the 64 KiB limit; queued in Undertow they hold
        // about 0.6 KiB each, 12 MB, for a reader that does not read. They must meet the 256 KiB hard cap at once.
        start(Duration.ofSeconds(60));
        try (RawWebSocket watcher = watcher(); RawWebSocket reader = open(4096)) {
            send(reader, "1|tiny 20000");
            assertThat(watcher.read().text()).isEqualTo("1|queued tiny 20000");

            ConnectionEvent dropped = burst.disconnects.poll(20, TimeUnit.SECONDS);

            assertThat(dropped).as("dropped as a slow consumer long before the 60 s grace").isNotNull();
            send(watcher, "1|ping");
            assertThat(watcher.read().text()).isEqualTo("1|pong");
        }
    }
}
