package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.core.RtsServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that sends faster than its messages are handled is slowed down by TCP, not answered with drops: once half
 * of the socket's queue of waiting messages is full the server stops reading the socket, and reads again when the
 * queue has drained. Over a real loopback socket, 2,000 calls sent back to back while the service is held all get
 * their answers, in order, where the queue holds only 256.
 */
@Timeout(60)
class BackpressureTest {

    private static final int CALLS = 2_000;

    /** JSON + callbacks: answers each number with itself; the first call waits until the test releases it. */
    static final class Held implements Service {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "held";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.JSON, Feature.CALLBACKS);
        }

        @Override
        public Object start(ServiceContext ctx) {
            ctx.onMessage((message, request, reply) -> {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                reply.send(message.decode(Integer.class));
            });
            return null;
        }
    }

    private final Held held = new Held();
    private RtsServer server;

    @AfterEach
    void stop() {
        held.release.countDown();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void callsSentFasterThanTheyAreHandledAreAllAnsweredInsteadOfDropped() throws Exception {
        server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0)
                .noMessageRateLimit()
                .service(held)
                .build();
        server.start();
        try (RawWebSocket socket = new RawWebSocket("127.0.0.1", server.port(), 30_000)) {
            socket.sendText("0|1|{\"c\":\"connect\",\"v\":\"test\",\"sessionId\":false}"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(socket.read().text()).startsWith("0|1|{\"version\":");

            for (int i = 1; i <= CALLS; i++) {
                socket.sendText(("1|" + i + "|" + i).getBytes(StandardCharsets.UTF_8));
            }
            held.release.countDown();

            List<String> answers = new ArrayList<>();
            for (int i = 1; i <= CALLS; i++) {
                answers.add(socket.read().text());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= CALLS; i++) {
                expected.add("1|" + i + "|" + i);
            }
            assertThat(answers).as("every call answered, in order, none dropped").isEqualTo(expected);
        }
    }
}
