package dev.rts.testkit;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(20)
class RtsExtensionTest {

    @RegisterExtension
    static RtsExtension rts = RtsExtension.perMethod(server -> server.service(new EchoService()));

    @Test
    void injectsServerApiAndFreshClients(TestServer server, Api api, TestClient alice, TestClient bob) {
        assertThat(api.names()).as("tally is found on the class path").containsExactlyInAnyOrder("echo", "tally");
        assertThat(server).isSameAs(rts.server());
        assertThat(alice.sessionId()).isNotEqualTo(bob.sessionId());
        alice.call("echo", Map.of("shout", "hello bob"));
        assertThat(bob.nextMessage("echo")).hasJson("{\"shout\":\"hello bob\"}");
    }

    @Test
    void eachTestGetsItsOwnServer(TestServer server) {
        assertThat(server.connections().count()).isZero();
    }
}
