package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.presence.internal.PresenceService;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Discovery, configuration checks, defaults and server-decided tracking. */
@Timeout(20)
class PresenceServiceTest {

    @Test
    void serviceLoaderFindsThePresenceServiceWithItsBrowserHalf() {
        List<Service> found = ServiceLoader.load(Service.class).stream().map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().isInstanceOf(PresenceService.class);
        Service service = found.get(0);
        assertThat(service.name()).isEqualTo("presence");
        assertThat(service.features()).containsExactly(Feature.SESSIONS);
        assertThat(service.clientCode()).hasValueSatisfying(js -> assertThat(js).startsWith("function (client) {")
                .contains("client.onmessage", "join:", "watch:", "onSync", "onJoin", "onLeave"));
    }

    @Test
    void badSettingsAreRejectedNamingTheProperty() {
        Presence.Builder builder = Presence.builder();

        assertThatThrownBy(() -> builder.gracePeriod(Duration.ofSeconds(-1)))
                .hasMessage("Presence gracePeriod must be between PT0S and PT5M but was PT-1S");
        assertThatThrownBy(() -> builder.maxMembersPerTopic(0))
                .hasMessage("Presence maxMembersPerTopic must be 1 to 1000000 but was 0");
        assertThatThrownBy(() -> builder.heartbeatInterval(Duration.ofSeconds(10)).nodeTimeout(Duration.ofSeconds(15))
                .build()).hasMessage("Presence nodeTimeout (PT15S) must be at least twice heartbeatInterval (PT10S), "
                + "or live nodes would time out");
        assertThatThrownBy(() -> builder.authorizer(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anOptionsMapIsRefusedNamingTheBuilder() {
        TestServer.Builder builder = TestServer.builder().service("presence", Presence.service(),
                Map.of("gracePeriod", "5s"));

        assertThatThrownBy(builder::start).hasRootCauseMessage("Presence takes no options map but was given "
                + "[gracePeriod]; configure it with Presence.builder().authorizer(...).gracePeriod(...).build() and "
                + "mount that service");
    }

    @Test
    void anExplicitlyMountedInstanceReplacesTheDiscoveredOne() {
        Service configured = Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL).build();
        try (TestServer server = TestServer.builder()
                .configure(b -> b.discoverServices(true))
                .service(configured)
                .start()) {
            TestClient client = server.client();
            Peers.ok(client, "{\"join\":\"room\"}");
        }
    }

    @Test
    void byDefaultBrowsersMayNeitherJoinNorWatch() {
        try (TestServer server = TestServer.start(Presence.service())) {
            TestClient client = server.client();
            assertThat(Peers.request(client, "{\"join\":\"room\"}")).containsEntry("error",
                    "Not allowed to join presence topic 'room': the server's PresenceAuthorizer refused it");
        }
    }

    @Test
    void theTrackerPutsSignedInUsersIntoOnlineAndTakesThemOutWhenTheySignOut() throws Exception {
        try (TestServer server = TestServer.start(Presence.builder()
                .tracker(session -> session.userId().isPresent() ? Map.of("online", Map.of("via", "tracker"))
                        : Map.of())
                .batchInterval(Duration.ofMillis(10))
                .build())) {
            Presence presence = server.api().get("presence", Presence.class);
            Peers.Recording events = new Peers.Recording();
            presence.addListener(events);
            TestClient client = server.client();

            server.session(client.sessionId()).setUserId("ann");
            assertThat(events.next(server.timeout())).isEqualTo("join online ann");
            assertThat(presence.list("online")).singleElement()
                    .satisfies(m -> assertThat(m.metas().get(0)).containsEntry("via", "tracker"));

            server.session(client.sessionId()).setUserId(null);
            assertThat(events.next(server.timeout())).isEqualTo("leave online ann");
            assertThat(presence.count("online")).isZero();
        }
    }
}
