package dev.rts.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.NodeScript;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser half ({@code META-INF/rts/dev.rts.rpc.internal.RpcService.js}) against a real server, run by Node: the core client, the WebSocket
 * transport and the rpc half, as a page loads them from {@code /rts/client.js}. Skipped where no Node 18 or later is
 * installed, outside CI.
 */
@Timeout(90)
class RpcBrowserHalfTest {

    @Test
    void browserHalfCallsWithCallbacksAndPromisesAndFailsWhatGetsNoAnswer() {
        try (TestServer server = TestServer.builder().realWebSocket(true)
                .service(Rpc.builder().timeout(Duration.ofSeconds(5)).clientTimeout(Duration.ofSeconds(2)).build())
                .start()) {
            server.api().get("rpc", Rpc.class).namespace("demo", new DemoActions());
            try (NodeScript node = NodeScript.start(server,
                    RpcBrowserHalfTest.class.getResource("browser-half.mjs"))) {
                assertThat(node.result()).isEqualTo("{"
                        + "\"errorFirst\":[null,25],"
                        + "\"many\":[\"a\",1,null,true],"
                        + "\"none\":[],"
                        + "\"promise\":[16],"
                        + "\"records\":[{\"x\":4,\"y\":6}],"
                        + "\"callbackReturnsUndefined\":true,"
                        + "\"error\":[true,\"boom\",0],"
                        + "\"rejected\":[true,\"Unknown method 'demo.sqare'; did you mean 'demo.square'?\"],"
                        + "\"notAName\":[true,\"rpc needs a method name such as 'demo.square'\"],"
                        + "\"clientTimeout\":[true,\"RPC 'demo.later' got no answer within 2000 ms\"],"
                        + "\"dropped\":[true,\"Connection closed before a reply\"]}");
            }
        }
    }
}
