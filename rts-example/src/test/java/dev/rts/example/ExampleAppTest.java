package dev.rts.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.client.RtsClient;
import dev.rts.rpc.client.RpcClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the app mounts and registers at start, seen by a JVM client where the page's script would be.
 */
@Timeout(30)
class ExampleAppTest {

    private ExampleApp app;
    private RtsClient client;

    @BeforeEach
    void start() throws Exception {
        app = ExampleApp.start(new ExampleOptions("127.0.0.1", 0, true, null, List.of("https://chat.example.com")));
        client = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + app.port() + "/")).reconnect(false).build();
        client.connect().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        try {
            client.close();
        } finally {
            app.stop();
        }
    }

    @Test
    void discoversRpcAndPubSubAndRegistersTheChatAndMathMethods() throws Exception {
        assertThat(client.services()).contains("demo", "rpc", "pubsub")
                .as("live reload is off in production, so not listed").doesNotContain("livereload");

        RpcClient rpc = RpcClient.of(client);
        assertThat(rpc.call("math.square", Long.class, 12).get(10, TimeUnit.SECONDS)).isEqualTo(144L);
        assertThat(rpc.call("chat.rooms", List.class).get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void inProductionWithoutAnOriginTheExampleRefusesToStartAndSaysHow() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> ExampleApp.start(new ExampleOptions("127.0.0.1", 0, true))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("A production server must say which web pages may connect");
    }
}
