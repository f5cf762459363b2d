package dev.rts.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.core.spi.SessionChange;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The session store against the real Redis on 127.0.0.1:6379, under a prefix of its own. */
@Timeout(30)
@ExtendWith(RedisAvailable.class)
class RedisSessionStoreTest {

    private record Reported(SessionChange change, long position) {
    }

    private static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final String prefix = RedisAvailable.uniquePrefix();
    private final Redis redis = Redis.builder().url(RedisAvailable.URL).prefix(prefix).connect();
    private final SessionStore store = redis.sessionStore(MAX_AGE);

    @AfterEach
    void cleanUp() throws IOException {
        store.close();
        redis.close();
        try (RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
            for (Object key : (List<?>) raw.command("KEYS", prefix + "*")) {
                raw.command("DEL", (String) key);
            }
        }
    }

    private static StoredSession session(String id) {
        return new StoredSession(id, Instant.ofEpochMilli(1_700_000_000_000L), "ann",
                Map.of("cart", List.of("apple", "pear"), "count", 3L, "dark", true));
    }

    @Test
    void aSavedSessionLoadsBackWithItsUserAndAttributes() {
        store.save(session("s-one-1234567890"));

        assertThat(store.load("s-one-1234567890")).contains(session("s-one-1234567890"));
        assertThat(store.load("unknown-12345678")).isEmpty();
    }

    @Test
    void aSessionIsOneHashUnderThePrefixExpiringAfterTheMaxAge() throws IOException {
        store.save(session("s-hash-123456789"));

        try (RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
            String key = prefix + "session:s-hash-123456789";
            assertThat(raw.command("HGET", key, "meta:user")).isEqualTo("ann");
            assertThat(raw.command("HGET", key, "attr:cart")).isEqualTo("[\"apple\",\"pear\"]");
            assertThat(raw.command("HGET", key, "meta:created")).isEqualTo("1700000000000");
            assertThat((Long) raw.command("PTTL", key)).isBetween(MAX_AGE.toMillis() - 60_000, MAX_AGE.toMillis());
        }
    }

    @Test
    void aSessionNobodyUsedExpiresAfterTheAnonymousMaxAgeAndOneInUseAfterTheMaxAge() throws IOException {
        // A connect makes a session in Redis: one address may make 20 a second, so with the max age (1 day by
        // default) an attacker's connects would pile up millions of keys; the in-memory store forgets them in 5 min.
        SessionStore serverStore = redis.sessionStore(MAX_AGE);
        try (TestServer server = TestServer.builder().configure(b -> b.sessionStore(serverStore)).start();
             RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
            String sessionId = server.client().sessionId();
            String key = prefix + "session:" + sessionId;
            long anonymous = Duration.ofMinutes(5).toMillis();
            long full = MAX_AGE.toMillis();
            assertThat((Long) raw.command("PTTL", key)).isBetween(anonymous - 60_000, anonymous);
            // Loaded again by the server that made it (its last socket closed, say): still nobody's.
            assertThat(serverStore.load(sessionId)).isPresent();
            assertThat((Long) raw.command("PTTL", key)).isBetween(anonymous - 60_000, anonymous);

            // Used: an attribute, or another server loading it (the client moved, or has a tab there: expiring
            // while in use on two servers would lose changes between them).
            serverStore.update(new SessionChange.AttributePut(sessionId, "theme", "dark"));
            assertThat((Long) raw.command("PTTL", key)).isBetween(full - 60_000, full);
            serverStore.update(new SessionChange.AttributeRemoved(sessionId, "theme"));
            raw.command("PEXPIRE", key, "60000");
            assertThat(serverStore.load(sessionId)).isPresent();
            assertThat((Long) raw.command("PTTL", key)).isBetween(anonymous - 60_000, anonymous);
            try (Redis other = Redis.builder().url(RedisAvailable.URL).prefix(prefix).connect()) {
                SessionStore otherStore = other.sessionStore(MAX_AGE);
                assertThat(otherStore.load(sessionId)).isPresent();
                otherStore.close();
            }
            assertThat((Long) raw.command("PTTL", key)).isBetween(full - 60_000, full);
        }
    }

    @Test
    void garbageUnderASessionKeyIsAnUnknownSessionOrADroppedAttributeNeverAFailedLoad() throws IOException {
        // Another app or an older version wrote these: a client presenting the id must get a session, not an error
        // on every connect for as long as the key lives.
        try (RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
            raw.command("HSET", prefix + "session:bad-created-123456", "meta:created", "yesterday");
            raw.command("SET", prefix + "session:not-a-hash-12345678", "garbage");
            raw.command("HSET", prefix + "session:bad-attr-1234567890", "meta:created", "1700000000000",
                    "meta:user", "ann", "attr:good", "1", "attr:bad", "{not json");
        }

        assertThat(store.load("bad-created-123456")).isEmpty();
        assertThat(store.load("not-a-hash-12345678")).isEmpty();
        assertThat(store.load("bad-attr-1234567890")).contains(new StoredSession("bad-attr-1234567890",
                Instant.ofEpochMilli(1_700_000_000_000L), "ann", Map.of("good", 1L)));
    }

    @Test
    void anUpdateWritesOneFieldAndEveryStoreHearsItWithItsPosition() throws Exception {
        BlockingQueue<Reported> heard = new LinkedBlockingQueue<>();
        try (Redis other = Redis.builder().url(RedisAvailable.URL).prefix(prefix).connect()) {
            SessionStore otherStore = other.sessionStore(MAX_AGE);
            otherStore.onChange((change, position) -> heard.add(new Reported(change, position)));
            store.save(session("s-update-1234567"));

            long first = store.update(new SessionChange.AttributePut("s-update-1234567", "count", 4L));
            long second = store.update(new SessionChange.UserSet("s-update-1234567", null));
            long third = store.update(new SessionChange.AttributeRemoved("s-update-1234567", "dark"));

            assertThat(List.of(first, second, third)).containsExactly(1L, 2L, 3L);
            assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(new Reported(
                    new SessionChange.AttributePut("s-update-1234567", "count", 4L), 1));
            assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(new Reported(
                    new SessionChange.UserSet("s-update-1234567", null), 2));
            assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(new Reported(
                    new SessionChange.AttributeRemoved("s-update-1234567", "dark"), 3));
            // Loaded with the position of the last change it reflects.
            assertThat(store.load("s-update-1234567")).contains(new StoredSession("s-update-1234567",
                    Instant.ofEpochMilli(1_700_000_000_000L), null, Map.of("cart", List.of("apple", "pear"),
                    "count", 4L), 3));
            otherStore.close();
        }
    }

    @Test
    void aListenerIsToldItMayHaveMissedChangesOnceTheSubscribingConnectionIsBack() throws Exception {
        try (PrivateRedis server = new PrivateRedis(RedisAvailable.freePort())) {
            server.start();
            try (Redis own = Redis.builder().url(server.url()).prefix(prefix).connect();
                 RawRedis raw = new RawRedis(server.port())) {
                SessionStore ownStore = own.sessionStore(MAX_AGE);
                AtomicInteger missed = new AtomicInteger();
                BlockingQueue<Reported> heard = new LinkedBlockingQueue<>();
                ownStore.onChange(new SessionStore.ChangeListener() {
                    @Override
                    public void changed(SessionChange change, long position) {
                        heard.add(new Reported(change, position));
                    }

                    @Override
                    public void missed() {
                        missed.incrementAndGet();
                    }
                });
                RawRedis.awaitSubscribers(server.port(), prefix + "sessions", 1);

                // Changes published while the subscribing connection reconnects never reach it.
                assertThat(raw.command("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(1L);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (missed.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(missed.get()).as("missed() once the link is back").isEqualTo(1);

                // Told after the store is subscribed again: what is published from now on is heard.
                ownStore.save(session("s-missed-123456"));
                ownStore.update(new SessionChange.UserSet("s-missed-123456", "bob"));
                assertThat(heard.poll(5, TimeUnit.SECONDS))
                        .isEqualTo(new Reported(new SessionChange.UserSet("s-missed-123456", "bob"), 1));
                ownStore.close();
            }
        }
    }

    @Test
    void anUpdateOfASessionRedisNoLongerHasWritesNothing() throws IOException {
        store.save(session("s-gone-123456789"));
        store.delete("s-gone-123456789");

        assertThat(store.update(new SessionChange.AttributePut("s-gone-123456789", "x", 1L))).isZero();
        try (RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
            assertThat(raw.command("EXISTS", prefix + "session:s-gone-123456789")).isEqualTo(0L);
        }
    }

    @Test
    void twoAppsWithTwoPrefixesDoNotSeeEachOthersSessions() {
        store.save(session("s-prefix-1234567"));
        try (Redis otherApp = Redis.builder().url(RedisAvailable.URL).prefix(prefix + "other:").connect()) {
            SessionStore otherStore = otherApp.sessionStore(MAX_AGE);
            assertThat(otherStore.load("s-prefix-1234567")).isEmpty();
            otherStore.close();
        }
    }

    @Test
    void aSessionOutlivesTheServerThatMadeIt() {
        String sessionId;
        try (TestServer first = TestServer.builder().configure(b -> b.sessionStore(redis.sessionStore(MAX_AGE)))
                .start()) {
            TestClient client = first.client();
            sessionId = client.sessionId();
            first.session(sessionId).setUserId("ann");
            first.session(sessionId).put("theme", "dark");
        }
        try (TestServer second = TestServer.builder().configure(b -> b.sessionStore(redis.sessionStore(MAX_AGE)))
                .start()) {
            TestClient client = second.client(sessionId);
            assertThat(client.sessionId()).isEqualTo(sessionId);
            assertThat(second.session(sessionId).userId()).contains("ann");
            assertThat(second.session(sessionId).get("theme")).contains("dark");
        }
    }

    @Test
    void theHealthCheckNamesTheUrlAndSaysTheLinkIsUp() {
        assertThat(redis.health()).isEqualTo(new RedisHealth("redis://127.0.0.1:6379/0", true, 0));
    }
}
