package dev.rts.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PubSubDiscoveryTest {

    @Test
    void serviceLoaderFindsPubSubWithItsBrowserHalf() {
        List<Service> found = ServiceLoader.load(Service.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(s -> s.name().equals("pubsub"))
                .toList();

        assertThat(found).hasSize(1);
        Service service = found.get(0);
        assertThat(service.getClass().getName()).isEqualTo("dev.rts.pubsub.internal.PubSubService");
        assertThat(service.features()).containsExactly(Feature.SESSIONS);
        assertThat(service.isPrivate()).isFalse();
        assertThat(service.clientCode()).hasValueSatisfying(js -> {
            assertThat(js).startsWith("function (client) {");
            assertThat(js.strip()).endsWith("}");
            assertThat(js).contains("client.onmessage", "subscribe:", "unsubscribe:", "once:", "off:", "JSON.parse");
        });
    }

    @Test
    void anExplicitlyMountedInstanceReplacesTheDiscoveredOne() {
        Service configured = PubSub.builder().maxChannelsPerSession(1).build();
        try (TestServer server = TestServer.builder()
                .configure(b -> b.discoverServices(true))
                .service(configured)
                .start()) {
            PubSub pubsub = server.api().get("pubsub", PubSub.class);
            TestClient client = server.client();
            pubsub.channels(client.sessionId()).subscribe("first");
            assertThatThrownBy(() -> pubsub.channels(client.sessionId()).subscribe("second"))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(pubsub.all("hello")).isEqualTo(1);
            assertThat(client.nextMessage("pubsub").text()).isEqualTo("{\"e\":\"hello\",\"p\":[]}");
        }
    }
}
