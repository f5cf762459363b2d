package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A join that lands after the session's user changed but before presence re-keyed the session's entries (the user
 * change is told on the thread that signed in, possibly while the connection's lane runs a join).
 */
@Timeout(20)
class SignInRaceTest {

    private static final Duration GRACE = Duration.ofMillis(200);

    @Test
    void aJoinBetweenSignInAndReKeyingLeavesNoGhostUnderTheOldKey() throws Exception {
        CountDownLatch trackerAskedForAnn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The tracker is asked when the user changes, before the entries are re-keyed: holding it there opens the
        // window in which a join of the connection runs with the new user already set.
        PresenceTracker tracker = session -> {
            if (session.userId().isPresent()) {
                trackerAskedForAnn.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Map.of();
        };
        try (TestServer server = TestServer.builder()
                .service(Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL).tracker(tracker)
                        .gracePeriod(GRACE).batchInterval(Duration.ofMillis(20)).build())
                .start()) {
            Presence presence = server.api().get("presence", Presence.class);
            Peers.Recording events = new Peers.Recording();
            presence.addListener(events);
            TestClient tab = server.client();
            Peers.ok(tab, "{\"join\":\"room\",\"meta\":{\"name\":\"guest\"}}");
            assertThat(events.next(server.timeout())).startsWith("join room ~");

            CompletableFuture<Void> signIn = CompletableFuture.runAsync(
                    () -> server.session(tab.sessionId()).setUserId("ann"));
            assertThat(trackerAskedForAnn.await(10, TimeUnit.SECONDS)).isTrue();
            Peers.ok(tab, "{\"join\":\"room\",\"meta\":{\"name\":\"Ann\"}}");
            release.countDown();
            signIn.get(10, TimeUnit.SECONDS);

            assertThat(presence.list("room")).extracting(Presence.Member::key).containsExactly("ann");

            tab.disconnect();
            String left;
            do {
                left = events.next(server.timeout());
            } while (!left.equals("leave room ann"));
            assertThat(presence.list("room")).isEmpty();
        }
    }
}
