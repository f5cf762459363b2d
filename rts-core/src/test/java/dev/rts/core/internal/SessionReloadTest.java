package dev.rts.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.AttributeChange;
import dev.rts.api.Feature;
import dev.rts.api.Session;
import dev.rts.api.UserChange;
import dev.rts.core.FakeConnection;
import dev.rts.core.FakeService;
import dev.rts.core.ServerFixture;
import dev.rts.core.spi.SessionChange;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sessions in use are loaded again when a shared store says its feed may have missed changes: what differs is
 * applied as if the changes had arrived (services are told), in batches, never over a newer change from the feed.
 */
@Timeout(30)
class SessionReloadTest {

    /**
     * A store shared with another (imaginary) process: numbers changes per session and reports them, except those
     * the other process made while this one's feed was down ({@link #changeUnheard}).
     */
    static final class SharedStore implements SessionStore {
        final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
        final AtomicInteger loads = new AtomicInteger();
        final AtomicInteger loading = new AtomicInteger();
        final AtomicInteger mostLoadingAtOnce = new AtomicInteger();
        final AtomicInteger failNextLoads = new AtomicInteger();
        /** When set, a load reads the session and then waits for it to open. */
        volatile CountDownLatch gate;
        final CountDownLatch gated = new CountDownLatch(1);
        volatile ChangeListener listener;

        @Override
        public Optional<StoredSession> load(String id) {
            if (failNextLoads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("Session store could not load session: down");
            }
            loads.incrementAndGet();
            mostLoadingAtOnce.accumulateAndGet(loading.incrementAndGet(), Math::max);
            try {
                StoredSession session = sessions.get(id);
                CountDownLatch wait = gate;
                if (wait != null) {
                    gated.countDown();
                    wait.await(10, TimeUnit.SECONDS);
                }
                return Optional.ofNullable(session);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                loading.decrementAndGet();
            }
        }

        @Override
        public void save(StoredSession session) {
            sessions.put(session.id(), session);
        }

        @Override
        public void delete(String id) {
            sessions.remove(id);
        }

        @Override
        public long update(SessionChange change) {
            long position = write(change);
            if (position > 0) {
                listener.changed(change, position);
            }
            return position;
        }

        /** Another process's change that this one never hears of. */
        long changeUnheard(SessionChange change) {
            return write(change);
        }

        private synchronized long write(SessionChange change) {
            StoredSession before = sessions.get(change.sessionId());
            if (before == null) {
                return 0;
            }
            StoredSession after = change.applyTo(before);
            long position = before.position() + 1;
            sessions.put(after.id(), new StoredSession(after.id(), after.createdAt(), after.userId(),
                    after.attributes(), position));
            return position;
        }

        @Override
        public void onChange(ChangeListener changeListener) {
            listener = changeListener;
        }
    }

    private final SharedStore store = new SharedStore();
    private final Queue<UserChange> userChanges = new ConcurrentLinkedQueue<>();
    private final Queue<AttributeChange> attributeChanges = new ConcurrentLinkedQueue<>();
    private final FakeService accounts = FakeService.named("accounts").features(Feature.SESSIONS, Feature.CALLBACKS)
            .onStart(context -> {
                context.onUserChange(userChanges::add);
                context.onAttributeChange(attributeChanges::add);
            })
            .handler((message, request, reply) -> {
                if (message.text().startsWith("login:")) {
                    request.session().setUserId(message.text().substring("login:".length()));
                }
                reply.send("ok");
            });
    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private ConnectionRegistry start() {
        fixture.start(fixture.builder().sessionStore(store).newSessionsPerAddress(1000, 1000).service(accounts));
        return (ConnectionRegistry) fixture.server().connections();
    }

    private static void login(FakeConnection socket, String user) {
        socket.receive("1|9|login:" + user);
        assertThat(socket.nextSent()).isEqualTo("1|9|ok");
    }

    private Session session(ConnectionRegistry registry, String id) {
        return registry.session(id).orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void changesMissedMeanwhileAreAppliedAndServicesTold() throws InterruptedException {
        ConnectionRegistry registry = start();
        FakeConnection socket = fixture.connected();
        String id = registry.sessionOf(socket.id()).orElseThrow();
        login(socket, "carol");
        store.changeUnheard(new SessionChange.AttributePut(id, "theme", "dark"));
        userChanges.clear();

        // Signed out and subscribed elsewhere while this server's feed was down: nothing here knows yet.
        store.changeUnheard(new SessionChange.UserSet(id, null));
        store.changeUnheard(new SessionChange.AttributePut(id, "channels", List.of("room")));
        store.changeUnheard(new SessionChange.AttributeRemoved(id, "theme"));
        assertThat(session(registry, id).userId()).contains("carol");

        store.listener.missed();

        await(() -> session(registry, id).userId().isEmpty(), "signed out here");
        await(() -> !registry.reload().running(), "reload done");
        assertThat(registry.socketsOfUser("carol")).isEmpty();
        assertThat(List.copyOf(userChanges)).containsExactly(new UserChange(id, "carol", null));
        assertThat(session(registry, id).get("channels")).contains(List.of("room"));
        assertThat(session(registry, id).keys()).containsExactly("channels");
        assertThat(List.copyOf(attributeChanges)).containsExactlyInAnyOrder(new AttributeChange(id, "channels"));
    }

    @Test
    void anOlderSnapshotNeverUndoesANewerChangeFromTheFeed() throws InterruptedException {
        ConnectionRegistry registry = start();
        FakeConnection socket = fixture.connected();
        String id = registry.sessionOf(socket.id()).orElseThrow();
        store.changeUnheard(new SessionChange.UserSet(id, "carol"));

        // The reload reads the session (carol, at position 1) and is slow to apply it; meanwhile the feed reports
        // a sign-out at position 2.
        store.gate = new CountDownLatch(1);
        store.listener.missed();
        assertThat(store.gated.await(10, TimeUnit.SECONDS)).isTrue();
        long signedOut = store.changeUnheard(new SessionChange.UserSet(id, null));
        store.listener.changed(new SessionChange.UserSet(id, null), signedOut);
        store.gate.countDown();

        await(() -> !registry.reload().running(), "reload done");
        assertThat(session(registry, id).userId()).isEmpty();
        assertThat(registry.socketsOfUser("carol")).isEmpty();
    }

    @Test
    void aChangeEchoedLateAfterTheReloadDoesNotUndoWhatTheReloadApplied() throws InterruptedException {
        ConnectionRegistry registry = start();
        FakeConnection socket = fixture.connected();
        String id = registry.sessionOf(socket.id()).orElseThrow();
        long signedIn = store.changeUnheard(new SessionChange.UserSet(id, "carol"));
        store.changeUnheard(new SessionChange.UserSet(id, null));

        store.listener.missed();
        await(() -> !registry.reload().running() && store.loads.get() > 0, "reload done");
        // The sign-in, published before the reload read the session, arrives only now.
        store.listener.changed(new SessionChange.UserSet(id, "carol"), signedIn);
        store.listener.changed(new SessionChange.AttributePut(id, "late", "x"), signedIn);
        // A newer change after them: once it is applied, so were they (one lane, in order).
        store.update(new SessionChange.AttributePut(id, "marker", "m"));
        await(() -> session(registry, id).get("marker").isPresent(), "marker applied");

        assertThat(session(registry, id).userId()).isEmpty();
        assertThat(session(registry, id).get("late")).isEmpty();
    }

    @Test
    void manySessionsAreLoadedInBatchesOneAtATime() throws InterruptedException {
        ConnectionRegistry registry = start();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SessionReload.BATCH * 2 + 50; i++) {
            FakeConnection socket = fixture.connected();
            ids.add(registry.sessionOf(socket.id()).orElseThrow());
        }
        ids.forEach(id -> store.changeUnheard(new SessionChange.UserSet(id, "user-" + id)));

        store.listener.missed();

        await(() -> !registry.reload().running(), "reload done");
        for (String id : ids) {
            assertThat(session(registry, id).userId()).contains("user-" + id);
        }
        assertThat(store.loads.get()).isEqualTo(ids.size());
        assertThat(store.mostLoadingAtOnce.get()).isEqualTo(1);
        assertThat(userChanges).hasSize(ids.size());
    }

    @Test
    void aLoadThatFailsIsTriedAgain() throws InterruptedException {
        ConnectionRegistry registry = start();
        FakeConnection socket = fixture.connected();
        String id = registry.sessionOf(socket.id()).orElseThrow();
        login(socket, "carol");
        store.changeUnheard(new SessionChange.UserSet(id, null));
        store.failNextLoads.set(2);

        store.listener.missed();

        await(() -> session(registry, id).userId().isEmpty(), "signed out after the store answered again");
        await(() -> !registry.reload().running(), "reload done");
        assertThat(store.failNextLoads.get()).isZero();
    }

    @Test
    void aRequestDuringAReloadRunsAnotherOneAfterIt() throws InterruptedException {
        ConnectionRegistry registry = start();
        FakeConnection socket = fixture.connected();
        String id = registry.sessionOf(socket.id()).orElseThrow();

        store.gate = new CountDownLatch(1);
        store.listener.missed();
        assertThat(store.gated.await(10, TimeUnit.SECONDS)).isTrue();
        // A second outage ends while the first reload is reading: what it read may predate the new missed change.
        store.changeUnheard(new SessionChange.UserSet(id, "carol"));
        store.listener.missed();
        store.gate.countDown();

        await(() -> session(registry, id).userId().equals(Optional.of("carol")), "second reload applied");
        await(() -> !registry.reload().running(), "reloads done");
        assertThat(store.loads.get()).isEqualTo(2);
    }
}
