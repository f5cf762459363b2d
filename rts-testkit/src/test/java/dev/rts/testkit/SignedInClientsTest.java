package dev.rts.testkit;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Feature;
import dev.rts.api.Identity;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.client.RtsErrorException;
import dev.rts.core.Admission;
import dev.rts.core.Authenticator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Clients with an identity: admitted directly over the in-memory pipe, or through the server's authenticator. */
@Timeout(30)
class SignedInClientsTest {

    /** Answers who the socket is: its user ({@code "-"} for none) and claims. */
    static final class WhoAmI implements Service {
        @Override
        public String name() {
            return "whoami";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.JSON, Feature.CALLBACKS);
        }

        @Override
        public Object start(ServiceContext ctx) {
            ctx.onMessage((message, request, reply) -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("user", request.identity().userId().orElse("-"));
                answer.put("claims", request.identity().claims());
                reply.send(answer);
            });
            return null;
        }
    }

    /** Admits the token "bob-token" as bob with the claim role=editor, refuses anything else with 401. */
    private static final Authenticator TOKENS = request -> CompletableFuture.completedFuture(
            request.bearerToken().filter("bob-token"::equals).isPresent()
                    ? Admission.user("bob", Map.of("role", "editor"), null)
                    : Admission.refuse(401));

    @Test
    void aSignedInClientIsTheSocketsAndTheSessionsUser() {
        try (TestServer server = TestServer.builder().discoverServices(false).service(new WhoAmI()).start()) {
            TestClient alice = server.signedIn("alice");

            assertThat(alice.call("whoami", "?")).json().path("user").isEqualTo("alice");
            assertThat(server.session(alice.sessionId()).userId()).contains("alice");
            assertThat(server.client().call("whoami", "?")).json().path("user").isEqualTo("-");
        }
    }

    @Test
    void aSignedInClientCarriesItsClaims() {
        try (TestServer server = TestServer.builder().discoverServices(false).service(new WhoAmI()).start()) {
            TestClient admin = server.signedIn(new Identity(Optional.of("ann"), Map.of("role", "admin"),
                    Optional.of(Instant.now().plusSeconds(600))));

            assertThat(admin.call("whoami", "?")).json().isEqualToJson("{\"user\":\"ann\",\"claims\":{\"role\":\"admin\"}}");
        }
    }

    @Test
    void aTokenGoesThroughTheServersAuthenticator() {
        try (TestServer server = TestServer.builder().discoverServices(false).service(new WhoAmI())
                .configure(b -> b.authenticator(TOKENS)).start()) {
            assertThat(server.clientWithToken("bob-token").call("whoami", "?")).json()
                    .isEqualToJson("{\"user\":\"bob\",\"claims\":{\"role\":\"editor\"}}");
            assertThatThrownBy(() -> server.clientWithToken("forged")).isInstanceOf(RtsErrorException.class)
                    .hasMessageContaining("Upgrade refused with HTTP 401: " + Admission.UNAUTHORIZED);
            // A plain client has no token: the authenticator refuses it, as it would a browser that is not signed in.
            assertThatThrownBy(server::client).isInstanceOf(RtsErrorException.class).hasMessageContaining("401");
            // signedIn stands for a socket the authenticator admitted, so a service can be tested without a token.
            assertThat(server.signedIn("carol").call("whoami", "?")).json().path("user").isEqualTo("carol");
        }
    }

    @Test
    void overARealWebSocketTokensWorkAndSignedInIsRefusedWithWhatToUse() {
        try (TestServer server = TestServer.builder().discoverServices(false).service(new WhoAmI())
                .configure(b -> b.authenticator(TOKENS)).realWebSocket(true).start()) {
            assertThat(server.clientWithToken("bob-token").call("whoami", "?")).json().path("user")
                    .isEqualTo("bob");
            assertThatThrownBy(() -> server.clientWithToken("forged")).isInstanceOf(RtsErrorException.class)
                    .hasMessageContaining("Upgrade refused with HTTP 401: " + Admission.UNAUTHORIZED);
            assertThatThrownBy(() -> server.signedIn("carol")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("clientWithToken");
        }
    }
}
