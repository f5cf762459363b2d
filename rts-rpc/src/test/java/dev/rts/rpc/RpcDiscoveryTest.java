package dev.rts.rpc;

import static dev.rts.rpc.RpcServerFixture.rpc;
import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceOptions;
import dev.rts.client.RtsErrorException;
import dev.rts.rpc.client.RpcClient;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RpcDiscoveryTest {

    @Test
    void serviceLoaderFindsRpcWithItsBrowserHalf() {
        List<Service> found = ServiceLoader.load(Service.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(s -> s.name().equals("rpc"))
                .toList();

        assertThat(found).hasSize(1);
        Service service = found.get(0);
        assertThat(service.getClass().getName()).isEqualTo("dev.rts.rpc.internal.RpcService");
        assertThat(service.features()).containsExactlyInAnyOrder(Feature.JSON, Feature.CALLBACKS, Feature.SESSIONS);
        assertThat(service.isPrivate()).isFalse();
        assertThat(service.clientOptions(ServiceOptions.empty())).isEqualTo(Map.of("timeout", 35_000L));
        assertThat(Rpc.builder().timeout(Duration.ofSeconds(1)).build().clientOptions(ServiceOptions.empty()))
                .isEqualTo(Map.of("timeout", 6_000L));
        assertThat(Rpc.builder().clientTimeout(Duration.ofMillis(2500)).build().clientOptions(ServiceOptions.empty()))
                .isEqualTo(Map.of("timeout", 2_500L));
        assertThat(service.clientCode()).hasValueSatisfying(js -> {
            assertThat(js).startsWith("function (client) {");
            assertThat(js.strip()).endsWith("}");
            assertThat(js).contains("client.onerror", "client.send({ m: method, p: args }");
        });
    }

    @Test
    void discoveredServiceServesCallsAsInProduction() {
        try (TestServer server = TestServer.builder().configure(b -> b.discoverServices(true)).start()) {
            server.api().get("rpc", Rpc.class).namespace("demo", new DemoActions());
            assertThat(rpc(server.client(), "demo.square", 7)).hasText("{\"p\":[49]}");
        }
    }

    @Test
    void callsWorkOverARealWebSocket() {
        try (TestServer server = TestServer.builder().service(Rpc.service()).realWebSocket(true).start()) {
            server.api().get("rpc", Rpc.class).namespace("demo", new DemoActions());
            TestClient client = server.client();
            assertThat(rpc(client, "demo.squareErrorFirst", 6)).hasText("{\"p\":[null,36]}");
            assertThat(RpcServerFixture.rpcError(client, "demo.fail", "over tcp")).isEqualTo("over tcp");
        }
    }

    @Test
    void jvmClientCallsTypedMethods() throws Exception {
        try (TestServer server = TestServer.start(Rpc.service())) {
            server.api().get("rpc", Rpc.class).namespace("demo", new DemoActions());
            RpcClient client = RpcClient.of(server.client().rtsClient());
            assertThat(client.call("demo.square", Integer.class, 6).get(5, TimeUnit.SECONDS)).isEqualTo(36);
            assertThat(client.call("demo.move", DemoActions.Point.class, new DemoActions.Point(1, 1), 2, 3)
                    .get(5, TimeUnit.SECONDS)).isEqualTo(new DemoActions.Point(3, 4));
            assertThat(client.call("demo.sqare", Integer.class, 6)).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(RtsErrorException.class)
                    .withMessage("Unknown method 'demo.sqare'; did you mean 'demo.square'?");
        }
    }
}
