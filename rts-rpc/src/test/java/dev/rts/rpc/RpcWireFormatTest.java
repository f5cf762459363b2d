package dev.rts.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exact frames of the README's wire format, sent raw over a real WebSocket: what any client, in any language,
 * sees.
 */
@Timeout(20)
class RpcWireFormatTest {

    private TestServer server;
    private TestClient client;
    private final DemoActions demo = new DemoActions();

    @BeforeEach
    void connect() {
        server = TestServer.builder().service(Rpc.service()).realWebSocket(true).start();
        server.api().get("rpc", Rpc.class).namespace("demo", demo);
        client = server.client();
        assertThat(client.serviceId("rpc")).isEqualTo(1);
    }

    @AfterEach
    void close() {
        server.stop();
    }

    private String exchange(String frame) {
        client.sendFrame(frame);
        return client.nextFrame().frame();
    }

    @Test
    void answersCarryTheValuesOnTheRequestsCallbackId() {
        assertThat(exchange("1|7|{\"m\":\"demo.square\",\"p\":[5]}")).isEqualTo("1|7|{\"p\":[25]}");
        assertThat(exchange("1|8|{\"m\":\"demo.squareErrorFirst\",\"p\":[5]}")).isEqualTo("1|8|{\"p\":[null,25]}");
        assertThat(exchange("1|9|{\"m\":\"demo.nothing\",\"p\":[]}")).isEqualTo("1|9|{\"p\":[]}");
        assertThat(exchange("1|10|{\"m\":\"demo.none\"}")).isEqualTo("1|10|{\"p\":[]}");
        assertThat(exchange("1|11|{\"m\":\"demo.sqare\",\"p\":[5]}")).isEqualTo("1|11|{\"e\":{\"message\":"
                + "\"Unknown method 'demo.sqare'; did you mean 'demo.square'?\"}}");
    }

    @Test
    void requestWithoutCallbackIdGetsNoAnswer() throws Exception {
        client.sendFrame("1||{\"m\":\"demo.record\",\"p\":[\"hi\"]}");
        assertThat(demo.calls.poll(5, TimeUnit.SECONDS)).isEqualTo("hi");
        assertThat(exchange("1|12|{\"m\":\"demo.square\",\"p\":[2]}")).isEqualTo("1|12|{\"p\":[4]}");
        client.sync();
        assertThat(server.sent("rpc")).hasSize(1);
    }

    @Test
    void malformedPayloadsAnswerWhatWasExpected() {
        String expected = "Expected an rpc request such as {\\\"m\\\":\\\"demo.square\\\",\\\"p\\\":[5]} but got ";
        assertThat(exchange("1|1|{\"m\":")).isEqualTo("1|1|{\"e\":{\"message\":\"" + expected
                + "invalid JSON: {\\\"m\\\":\"}}");
        assertThat(exchange("1|2|")).isEqualTo("1|2|{\"e\":{\"message\":\"" + expected + "an empty payload\"}}");
        assertThat(exchange("1|3|\"demo.square\"")).isEqualTo("1|3|{\"e\":{\"message\":\"" + expected
                + "\\\"demo.square\\\"\"}}");
        assertThat(exchange("1|4|{\"m\":\"demo.square\",\"p\":null}")).isEqualTo("1|4|{\"e\":{\"message\":"
                + "\"Method 'demo.square' takes 1 argument (int) but got 0\"}}");
    }
}
