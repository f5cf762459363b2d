package ${package};

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Service;
import dev.rts.testkit.NodeScript;
import dev.rts.testkit.RtsExtension;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ${serviceName} service through the real server core, with in-memory clients. */
@Timeout(20)
class ${serviceClass}ServiceTest {

    @RegisterExtension
    static RtsExtension rts = RtsExtension.perMethod(server -> server.service(${serviceClass}.builder()
            .maxAmount(5)
            .build()));

    @Test
    void addingAnswersTheSenderAndTellsEveryone(TestClient alice, TestClient bob) {
        assertThat(alice.call("${serviceName}", Map.of("amount", 2))).hasJson("{\"value\":2}");
        assertThat(alice.nextMessage("${serviceName}")).hasJson("{\"value\":2}");   // the broadcast, to the sender too
        assertThat(bob.nextMessage("${serviceName}")).json().path("value").isEqualTo(2);
        alice.assertNoMoreMessages();   // after a round trip through the server: nothing late either
        bob.assertNoMoreMessages();
    }

    @Test
    void serverCodeAddsThroughTheApi(TestClient alice) {
        ${serviceClass} api = rts.server().api().get("${serviceName}", ${serviceClass}.class);

        assertThat(api.add(10)).isEqualTo(10);
        assertThat(alice.nextMessage("${serviceName}")).hasJson("{\"value\":10}");
        assertThat(api.value()).isEqualTo(10);
    }

    @Test
    void anAmountOverTheBoundIsRefusedInTheServicesWords(TestClient alice) {
        assertThat(alice.callError("${serviceName}", Map.of("amount", 6))).isEqualTo("Amount must be 1 to 5 but was 6");
        assertThat(rts.server().api().get("${serviceName}", ${serviceClass}.class).value()).isZero();
    }

    @Test
    void aMalformedFrameGetsAnErrorAndChangesNothing(TestClient alice) {
        alice.sendFrame(alice.serviceId("${serviceName}") + "|7|{not json");   // a raw frame, header included

        assertThat(alice.nextError()).startsWith("Malformed JSON at line 1 column 3");
        alice.assertNoMoreMessages();
        assertThat(rts.server().api().get("${serviceName}", ${serviceClass}.class).value()).isZero();
    }

    @Test
    void badSettingsAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> ${serviceClass}.builder().maxAmount(0))
                .hasMessage("${serviceClass} maxAmount must be 1 to 1000000 but was 0");
    }

    @Test
    void serviceLoaderFindsTheServiceWithItsBrowserHalf() {
        List<Service> found = ServiceLoader.load(Service.class).stream().map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().satisfies(service -> {
            assertThat(service.name()).isEqualTo("${serviceName}");
            assertThat(service.clientCode()).hasValueSatisfying(js -> assertThat(js).startsWith("function (client) {"));
        });
    }

    @Test
    void theBrowserHalfWorksInAClientWithOnlyThe2013Contract() {
        // Runs browser-half-2013.mjs in Node against a real socket; skipped where Node is missing, except under CI.
        try (TestServer server = TestServer.builder().realWebSocket(true).service(${serviceClass}.service()).start();
             NodeScript node = NodeScript.start(server, getClass().getResource("browser-half-2013.mjs"))) {
            assertThat(node.result()).isEqualTo("[1,1]");
        }
    }
}
