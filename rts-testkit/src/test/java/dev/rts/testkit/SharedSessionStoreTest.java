package dev.rts.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.AttributeChange;
import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.api.UserChange;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two servers sharing sessions the way two processes on one Redis do: a change made on one reaches the other. */
@Timeout(20)
class SharedSessionStoreTest {

    /** Records the session changes the core reports to services on one server. */
    static final class ChangeProbe implements Service {
        final BlockingQueue<UserChange> users = new LinkedBlockingQueue<>();
        final BlockingQueue<AttributeChange> attributes = new LinkedBlockingQueue<>();

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.SESSIONS);
        }

        @Override
        public Object start(ServiceContext context) {
            context.onUserChange(users::add);
            context.onAttributeChange(attributes::add);
            return null;
        }
    }

    private final SharedSessionStore sessions = new SharedSessionStore();
    private final ChangeProbe probeB = new ChangeProbe();
    private final TestServer serverA = TestServer.builder()
            .configure(b -> b.sessionStore(sessions.node()))
            .service(new ChangeProbe())
            .start();
    private final TestServer serverB = TestServer.builder()
            .configure(b -> b.sessionStore(sessions.node()))
            .service(probeB)
            .start();

    @AfterEach
    void stop() {
        serverA.stop();
        serverB.stop();
    }

    @Test
    void signInOnOneServerReachesTheSessionInUseOnTheOther() throws InterruptedException {
        TestClient onB = serverB.client();
        String socketId = onB.socketId();

        serverA.session(onB.sessionId()).setUserId("alice");

        assertThat(probeB.users.poll(5, TimeUnit.SECONDS)).isEqualTo(new UserChange(onB.sessionId(), null, "alice"));
        assertThat(serverB.session(onB.sessionId()).userId()).contains("alice");
        assertThat(serverB.connections().socketsOfUser("alice")).containsExactly(socketId);

        serverA.session(onB.sessionId()).setUserId(null);

        assertThat(probeB.users.poll(5, TimeUnit.SECONDS)).isEqualTo(new UserChange(onB.sessionId(), "alice", null));
        assertThat(serverB.connections().socketsOfUser("alice")).isEmpty();
    }

    @Test
    void attributeWrittenOnOneServerIsReadAndReportedOnTheOther() throws InterruptedException {
        TestClient onB = serverB.client();

        serverA.session(onB.sessionId()).put("cart", List.of("apple"));

        assertThat(probeB.attributes.poll(5, TimeUnit.SECONDS)).isEqualTo(new AttributeChange(onB.sessionId(), "cart"));
        assertThat(serverB.session(onB.sessionId()).get("cart")).contains(List.of("apple"));

        serverA.session(onB.sessionId()).remove("cart");

        assertThat(probeB.attributes.poll(5, TimeUnit.SECONDS)).isEqualTo(new AttributeChange(onB.sessionId(), "cart"));
        assertThat(serverB.session(onB.sessionId()).get("cart")).isEmpty();
    }

    @Test
    void changesMadeOnTheSameServerAreNotReportedAsAttributeChanges() throws InterruptedException {
        TestClient onB = serverB.client();

        serverB.session(onB.sessionId()).put("theme", "dark");
        serverA.session(onB.sessionId()).put("marker", "after");

        // The store reports changes of one session in order: once the later one arrived, the earlier one was skipped.
        assertThat(probeB.attributes.poll(5, TimeUnit.SECONDS))
                .isEqualTo(new AttributeChange(onB.sessionId(), "marker"));
        assertThat(probeB.attributes).isEmpty();
        assertThat(serverB.session(onB.sessionId()).get("theme")).contains("dark");
    }

    @Test
    void everyChangeIsWrittenAsOneFieldSoChangesOnTwoServersBothStay() {
        TestClient onA = serverA.client();
        TestClient onB = serverB.client(onA.sessionId());

        serverA.session(onA.sessionId()).put("a", 1);
        serverB.session(onB.sessionId()).put("b", 2);

        assertThat(sessions.stored(onA.sessionId()).orElseThrow().attributes()).containsEntry("a", 1)
                .containsEntry("b", 2);
    }
}
