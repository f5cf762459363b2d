package dev.rts.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.NodeScript;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser half in a client with only the 2013 service contract (no {@code status}, {@code onerror} or
 * {@code api}; {@code send} returns no callback id), against a real server, run by Node: calls and answers work, errors
 * reach the caller, and a call without an answer fails by the client timeout. Skipped where Node is missing, outside
 * CI.
 */
@Timeout(90)
class RpcHalf2013Test {

    @Test
    void theHalfCallsAndAnswersInAClientWithOnlyThe2013Contract() {
        try (TestServer server = TestServer.builder().realWebSocket(true)
                .service(Rpc.builder().timeout(Duration.ofSeconds(20)).clientTimeout(Duration.ofSeconds(2)).build())
                .start()) {
            server.api().get("rpc", Rpc.class).namespace("demo", new DemoActions());
            try (NodeScript node = NodeScript.start(server, RpcHalf2013Test.class.getResource("rpc-2013.mjs"))) {
                assertThat(node.result()).isEqualTo("{"
                        + "\"callback\":[25],"
                        + "\"callbackReturnsUndefined\":true,"
                        + "\"promise\":[16],"
                        + "\"inFlight\":[[3],[9],[\"x\"]],"
                        + "\"error\":[true,\"boom\"],"
                        + "\"errorFirst\":[true,\"bang\"],"
                        + "\"clientTimeout\":\"RPC 'demo.silent' got no answer within 2000 ms\"}");
            }
        }
    }
}
