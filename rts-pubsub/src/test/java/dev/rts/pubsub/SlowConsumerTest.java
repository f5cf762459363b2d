package dev.rts.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.ConnectionEvent;
import dev.rts.client.RtsClient;
import dev.rts.testkit.SilentSocket;
import dev.rts.testkit.TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One socket that never reads must neither hold up the others nor make the server buffer without bound. Over real
 * Undertow, which caps what it queues per socket ({@code maxQueuedBytes}, 256 KiB here), the server drops that socket
 * while a hundred readers get every one of ten thousand events.
 */
@Timeout(60)
class SlowConsumerTest {

    private static final int READERS = 100;
    private static final int EVENTS = 10_000;
    /**
     * How many events the publisher may run ahead of the slowest reader: a steady publishing rate, as in an app,
     * rather than a burst. A queued frame counts its bytes plus what Undertow holds for it (about 600 bytes), so a
     * reader this far behind has about 65 KB queued: well under the limit, so that no healthy reader stays over it
     * for the slow-consumer grace.
     */
    private static final int WINDOW = 100;
    /**
     * On loopback the kernel holds megabytes for a socket that does not read (the server's send buffer is sized from
     * loopback's 64 KiB segments: about 2.6 MB here) before the server's own queue grows at all, and the ten
     * thousand small events add up to only 0.6 MB. So the blocked socket also gets an 8 KiB event of its own with
     * every tenth event (8 MB in all); it stays a recipient of every broadcast until the server drops it.
     */
    private static final String BULK = "b".repeat(8 * 1024);
    private static final String TEXT = "x".repeat(32);

    @Test
    void aSocketThatNeverReadsIsDroppedWhileAHundredReadersGetAllTenThousandEvents() throws Exception {
        ConnectionProbe probe = new ConnectionProbe();
        try (TestServer server = TestServer.builder()
                .realWebSocket(true)
                .service(PubSub.service())
                .service(probe)
                .configure(b -> b.maxQueuedBytes(256 * 1024))
                .timeout(Duration.ofSeconds(20))
                .start()) {
            PubSub pubsub = server.api().get("pubsub", PubSub.class);
            int port = server.rtsServer().port();
            Duration timeout = server.timeout();

            AtomicIntegerArray readersPerEvent = new AtomicIntegerArray(EVENTS);
            Semaphore window = new Semaphore(WINDOW);
            List<RtsClient> readers = new ArrayList<>();
            List<AtomicInteger> counts = new ArrayList<>();
            List<AtomicReference<String>> lastTexts = new ArrayList<>();
            Set<String> readerSessions = new HashSet<>();
            try {
                for (int i = 0; i < READERS; i++) {
                    RtsClient reader = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + port + "/"))
                            .reconnect(false).build();
                    readers.add(reader);
                    AtomicInteger count = new AtomicInteger();
                    AtomicReference<String> last = new AtomicReference<>();
                    counts.add(count);
                    lastTexts.add(last);
                    reader.connect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    readerSessions.add(reader.sessionId());
                    // Frames of one socket arrive in order, so the n-th message is event n.
                    reader.service("pubsub").onMessage(message -> {
                        int event = count.getAndIncrement();
                        last.set(message.text());
                        if (event < EVENTS && readersPerEvent.incrementAndGet(event) == READERS) {
                            window.release();
                        }
                    });
                }

                try (SilentSocket blocked = SilentSocket.open(port)) {
                    String blockedSocket = null;
                    for (int i = 0; i <= READERS; i++) {
                        ConnectionEvent connected = probe.awaitConnect(timeout);
                        if (!readerSessions.contains(connected.sessionId())) {
                            blockedSocket = connected.socketId();
                        }
                    }
                    assertThat(blockedSocket).as("the blocked socket completed the handshake").isNotNull();
                    assertThat(server.connections().count()).isEqualTo(READERS + 1);

                    long started = System.nanoTime();
                    int droppedBy = -1;
                    for (int i = 0; i < EVENTS; i++) {
                        if (!window.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new AssertionError("Readers stopped receiving at event " + i + "; counts " + counts);
                        }
                        int sent = pubsub.all("tick", i, TEXT);
                        if (droppedBy < 0 && sent == READERS) {
                            droppedBy = i;
                        }
                        if (i % 10 == 0) {
                            pubsub.socket(blockedSocket, "bulk", BULK);
                        }
                    }
                    boolean allDelivered = window.tryAcquire(WINDOW, timeout.toMillis(), TimeUnit.MILLISECONDS);
                    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    System.out.printf("%d events to %d readers (%d deliveries) in %d ms, %.0f deliveries/s; the "
                                    + "blocked socket was dropped by event %d%n", EVENTS, READERS,
                            (long) EVENTS * READERS, millis, EVENTS * (double) READERS * 1000 / millis, droppedBy);

                    assertThat(allDelivered).as("every reader got every event; counts %s", counts).isTrue();
                    for (int i = 0; i < READERS; i++) {
                        assertThat(counts.get(i)).hasValue(EVENTS);
                        assertThat(lastTexts.get(i)).hasValue("{\"e\":\"tick\",\"p\":[" + (EVENTS - 1) + ",\"" + TEXT
                                + "\"]}");
                    }
                    assertThat(droppedBy).as("the server dropped the blocked socket while publishing").isPositive();
                    assertThat(probe.awaitDisconnect(timeout).socketId()).isEqualTo(blockedSocket);
                    assertThat(server.connections().socketIds()).hasSize(READERS).doesNotContain(blockedSocket);
                }
            } finally {
                readers.forEach(RtsClient::close);
            }
        }
    }
}
