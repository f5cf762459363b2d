package dev.rts.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exact frames of the README's wire format, over a raw WebSocket: what any client, in any language, sees. */
@Timeout(10)
class RpcWireFormatTest {

    private TestServer server;
    private WebSocket socket;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final DemoActions demo = new DemoActions();

    @BeforeEach
    void connect() throws Exception {
        server = TestServer.builder().service(Rpc.service()).realWebSocket(true).start();
        server.api().get("rpc", Rpc.class).namespace("demo", demo);
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.rtsServer().port() + "/"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        assertThat(exchange("0|1|{\"c\":\"connect\",\"v\":\"0.1.0\",\"sessionId\":false}")).startsWith("0|1|{");
    }

    @AfterEach
    void close() {
        socket.abort();
        server.stop();
    }

    private String exchange(String frame) throws Exception {
        socket.sendText(frame, true).get(5, TimeUnit.SECONDS);
        String answer = frames.poll(5, TimeUnit.SECONDS);
        assertThat(answer).as("answer to %s", frame).isNotNull();
        return answer;
    }

    @Test
    void answersCarryTheValuesOnTheRequestsCallbackId() throws Exception {
        assertThat(exchange("1|7|{\"m\":\"demo.square\",\"p\":[5]}")).isEqualTo("1|7|{\"p\":[25]}");
        assertThat(exchange("1|8|{\"m\":\"demo.squareErrorFirst\",\"p\":[5]}")).isEqualTo("1|8|{\"p\":[null,25]}");
        assertThat(exchange("1|9|{\"m\":\"demo.nothing\",\"p\":[]}")).isEqualTo("1|9|{\"p\":[]}");
        assertThat(exchange("1|10|{\"m\":\"demo.none\"}")).isEqualTo("1|10|{\"p\":[]}");
        assertThat(exchange("1|11|{\"m\":\"demo.sqare\",\"p\":[5]}")).isEqualTo("1|11|{\"e\":{\"message\":"
                + "\"Unknown method 'demo.sqare'; did you mean 'demo.square'?\"}}");
    }

    @Test
    void requestWithoutCallbackIdGetsNoAnswer() throws Exception {
        socket.sendText("1||{\"m\":\"demo.record\",\"p\":[\"hi\"]}", true).get(5, TimeUnit.SECONDS);
        assertThat(demo.calls.poll(5, TimeUnit.SECONDS)).isEqualTo("hi");
        assertThat(exchange("1|12|{\"m\":\"demo.square\",\"p\":[2]}")).isEqualTo("1|12|{\"p\":[4]}");
        assertThat(frames).isEmpty();
    }

    @Test
    void malformedPayloadsAnswerWhatWasExpected() throws Exception {
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
