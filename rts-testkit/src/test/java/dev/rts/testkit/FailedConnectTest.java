package dev.rts.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client whose handshake does not complete in time is closed, not left connected behind the test's back. */
@Timeout(20)
class FailedConnectTest {

    /** Holds every connect listener until released, so that handshakes time out. */
    static final class SlowConnect implements Service {
        final CountDownLatch release = new CountDownLatch(1);
        final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public Object start(ServiceContext context) {
            context.onConnect(event -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            context.onDisconnect(event -> disconnects.add(event.socketId()));
            return null;
        }
    }

    private final SlowConnect slow = new SlowConnect();
    private final TestServer server = TestServer.builder().service(slow).timeout(Duration.ofMillis(200)).start();

    @AfterEach
    void stop() {
        slow.release.countDown();
        server.stop();
    }

    @Test
    void aClientThatFailedToConnectIsClosed() throws InterruptedException {
        assertThatThrownBy(server::client).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected the connect handshake within PT0.2S but none came");

        slow.release.countDown();
        assertThat(slow.disconnects.poll(5, TimeUnit.SECONDS)).as("the abandoned connection closed").isNotNull();
        assertThat(server.connections().count()).isZero();
    }
}
