package dev.rts.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** NodeScript and its 2013 client: a half gets only the 2013 contract, and a half that needs more fails the test. */
@Timeout(90)
class NodeScriptTest {

    /** The echo service with a browser half given as source. */
    private static final class EchoWithHalf implements Service {
        private final EchoService echo = new EchoService();
        private final String half;

        EchoWithHalf(String half) {
            this.half = half;
        }

        @Override
        public String name() {
            return echo.name();
        }

        @Override
        public Set<Feature> features() {
            return echo.features();
        }

        @Override
        public Object start(ServiceContext context) {
            return echo.start(context);
        }

        @Override
        public Optional<String> clientCode() {
            return Optional.of(half);
        }
    }

    @Test
    void aHalfGetsOnlyThe2013ContractAndItsCallsAreAnswered() {
        String half = "function (client) { return { call: (msg, cb) => client.send(msg, cb) }; }";
        try (TestServer server = TestServer.builder().realWebSocket(true).discoverServices(false)
                .service(new EchoWithHalf(half)).start();
             NodeScript node = NodeScript.start(server, NodeScriptTest.class.getResource("echo-2013.mjs"))) {
            assertThat(node.awaitLine("CONNECTED")).isEqualTo("echo");
            assertThat(node.result()).isEqualTo("{\"echo\":{\"hi\":1},\"user\":\"nobody\","
                    + "\"client\":[\"id\",\"name\",\"onmessage\",\"options\",\"send\",\"use\"]}");
        }
    }

    @Test
    void aHalfThatNeedsAnRtsExtensionFailsTheScriptWithNodesError() {
        String half = "function (client) { client.status.on('ready', () => {}); return {}; }";
        try (TestServer server = TestServer.builder().realWebSocket(true).discoverServices(false)
                .service(new EchoWithHalf(half)).start();
             NodeScript node = NodeScript.start(server, NodeScriptTest.class.getResource("echo-2013.mjs"))) {
            assertThatThrownBy(node::result).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the script ended")
                    .hasMessageContaining("TypeError: Cannot read properties of undefined (reading 'on')");
        }
    }

    @Test
    void anInMemoryServerIsRefusedNamingTheSwitch() {
        try (TestServer server = TestServer.start(new EchoService())) {
            assertThatThrownBy(() -> NodeScript.start(server, NodeScriptTest.class.getResource("echo-2013.mjs")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("NodeScript needs a server on a real WebSocket: build it with "
                            + "TestServer.builder().realWebSocket(true)");
        }
    }

    @Test
    void theBrowserClientRunsOverTheWebSocketGivenToOlderNode() {
        // On Node before 22 this runs over websocket.mjs: text and binary both ways, a Blob, frames past 64 KiB.
        // Frames past 64 KiB take the 64-bit length in both directions; the server's frame limit must allow them.
        try (TestServer server = TestServer.builder().realWebSocket(true).discoverServices(false)
                .service(new BinaryMessagesTest.Share()).configure(b -> b.maxFrameSize(128 * 1024)).start();
             NodeScript node = NodeScript.start(server, NodeScriptTest.class.getResource("bytes-client.mjs"))) {
            assertThat(node.result()).isEqualTo("{\"answers\":[\"{\\\"size\\\":3}\",\"{\\\"size\\\":70000}\","
                    + "\"bytes 2\",\"bytes 70000\"],\"closed\":1000}");
        }
    }
}
