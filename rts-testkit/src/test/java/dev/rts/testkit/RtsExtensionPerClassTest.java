package dev.rts.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A per-class server is shared by the class and its {@code @Nested} classes, and stopped once, at the end. */
@Timeout(20)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RtsExtensionPerClassTest {

    @RegisterExtension
    static RtsExtension rts = RtsExtension.perClass(server -> server.service(new EchoService()));

    private static TestServer started;

    @BeforeAll
    static void remember() {
        started = rts.server();
    }

    @AfterAll
    static void sameServerUntilTheEnd() {
        // JUnit also calls the extension's class callbacks for each @Nested class; they must not swap or stop it.
        assertThat(rts.server()).isSameAs(started);
    }

    @Test
    void outerTestsUseTheClassServer(TestServer server) {
        assertThat(server).isSameAs(started);
    }

    @Test
    @Order(1)
    void aTestsClientIsConnectedDuringTheTest(TestServer server, TestClient client) {
        assertThat(server.connections().socketIds()).containsExactly(client.socketId());
    }

    @Test
    @Order(2)
    void theNextTestDoesNotInheritIt(TestServer server) throws InterruptedException {
        EchoService.Events events = server.api().get("echo", EchoService.Events.class);
        assertThat(events.disconnects.poll(5, TimeUnit.SECONDS)).as("the first test's client disconnected")
                .isNotNull();
        assertThat(server.connections().count()).isZero();
    }

    @Nested
    class Inner {
        @Test
        void nestedTestsUseTheSameServer(TestServer server, TestClient client) {
            assertThat(server).isSameAs(started);
            RtsAssertions.assertThat(client.call("echo", Map.of("x", 1)))
                    .hasJson("{\"echo\":{\"x\":1},\"user\":\"nobody\"}");
        }
    }
}
