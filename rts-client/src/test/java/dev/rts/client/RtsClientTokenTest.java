package dev.rts.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Identity;
import dev.rts.core.Admission;
import dev.rts.core.Authenticator;
import dev.rts.core.HandshakeRequest;
import dev.rts.core.RtsServer;
import dev.rts.transport.undertow.TestServices;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JVM client signs in with a bearer token and renews it over the open socket. */
@Timeout(60)
class RtsClientTokenTest {

    /** Admits the bearer token {@code ann-<n>} as ann for 1.5 s; refreshes likewise, refusing {@code stale-<n>}. */
    private static final class Tokens implements Authenticator {
        final BlockingQueue<String> upgrades = new LinkedBlockingQueue<>();
        final BlockingQueue<String> refreshes = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<Admission> authenticate(HandshakeRequest request) {
            String token = request.bearerToken().orElse("");
            upgrades.add(token);
            return CompletableFuture.completedFuture(decide(token));
        }

        @Override
        public CompletionStage<Admission> refresh(String token, Identity current) {
            refreshes.add(token);
            return CompletableFuture.completedFuture(decide(token));
        }

        private static Admission decide(String token) {
            return token.startsWith("ann-") ? Admission.user("ann", Map.of(), Instant.now().plusMillis(1500))
                    : Admission.refuse(401);
        }
    }

    private final Tokens tokens = new Tokens();
    private final RtsServer server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0)
            .service(new TestServices.Echo()).authenticator(tokens).build();
    private RtsClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.disconnect();
        }
        server.stop();
    }

    private RtsClient client(String prefix) {
        AtomicInteger round = new AtomicInteger();
        server.start();
        client = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + server.port() + "/"))
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200))
                .tokenSupplier(() -> (round.get() == 0 ? "ann-" : prefix) + round.incrementAndGet()).build();
        return client;
    }

    @Test
    void refreshesBeforeExpiryWithoutReconnecting() throws Exception {
        RtsClient client = client("ann-");
        client.connect().get(10, TimeUnit.SECONDS);
        assertThat(tokens.upgrades.poll(5, TimeUnit.SECONDS)).isEqualTo("ann-1");
        Set<String> sockets = server.connections().socketIds();
        assertThat(server.connections().socketsOfUser("ann")).isEqualTo(sockets).hasSize(1);
        // Three refreshes cover more than two lifetimes of 1.5 s: without them the server would have closed it.
        for (int i = 2; i <= 4; i++) {
            assertThat(tokens.refreshes.poll(10, TimeUnit.SECONDS)).isEqualTo("ann-" + i);
        }
        assertThat(server.connections().socketIds()).isEqualTo(sockets);
        assertThat(tokens.upgrades).isEmpty();
        assertThat(client.service("echo").call(Map.of("x", 1), Map.class).get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void reconnectsWithANewTokenWhenARefreshIsRefusedAndTheCredentialsExpire() throws Exception {
        RtsClient client = client("stale-");
        BlockingQueue<ClientStatus> statuses = new LinkedBlockingQueue<>();
        client.onStatus(statuses::add);
        client.connect().get(10, TimeUnit.SECONDS);
        assertThat(tokens.upgrades.poll(5, TimeUnit.SECONDS)).isEqualTo("ann-1");
        assertThat(tokens.refreshes.poll(10, TimeUnit.SECONDS)).isEqualTo("stale-2");
        // The server closes at expiry (4401); the client reconnects, asking for a token again (refused: stale).
        assertThat(tokens.upgrades.poll(10, TimeUnit.SECONDS)).startsWith("stale-");
        assertThat(statuses).contains(ClientStatus.READY, ClientStatus.CLOSED, ClientStatus.RECONNECTING);
    }
}
