package dev.rts.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.core.MutableClock;
import dev.rts.core.spi.StoredSession;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class InMemorySessionStoreTest {

    private static final Duration MAX_AGE = Duration.ofMinutes(30);
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final InMemorySessionStore store = new InMemorySessionStore(MAX_AGE, MAX_AGE, 1_000, clock);

    private static StoredSession session(String id) {
        return new StoredSession(id, START, null, Map.of());
    }

    @Test
    void unknownIdLoadsNothing() {
        assertThat(store.load("nope")).isEmpty();
    }

    @Test
    void savedSessionLoadsUntilItIsUnusedForExactlyTheMaxAge() {
        StoredSession saved = new StoredSession("a", START, "alice", Map.of("theme", "dark"));
        store.save(saved);

        clock.advance(MAX_AGE);

        assertThat(store.load("a")).contains(saved);
    }

    @Test
    void sessionUnusedForLongerThanTheMaxAgeIsGoneAndForgotten() {
        store.save(session("a"));

        clock.advance(MAX_AGE.plusMillis(1));

        assertThat(store.load("a")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void loadingMarksTheSessionAsSeen() {
        store.save(session("a"));
        clock.advance(Duration.ofMinutes(20));
        assertThat(store.load("a")).isPresent();
        clock.advance(Duration.ofMinutes(20));
        assertThat(store.load("a")).isPresent();
        clock.advance(MAX_AGE.plusMillis(1));

        assertThat(store.load("a")).isEmpty();
    }

    @Test
    void savingReplacesTheEarlierVersionAndMarksItAsSeen() {
        store.save(new StoredSession("a", START, "alice", Map.of()));
        clock.advance(Duration.ofMinutes(20));
        store.save(new StoredSession("a", START, "bob", Map.of()));
        clock.advance(Duration.ofMinutes(20));

        assertThat(store.load("a")).map(StoredSession::userId).contains("bob");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void deleteRemovesTheSessionAndIgnoresUnknownIds() {
        store.save(session("a"));

        store.delete("a");
        store.delete("never-saved");

        assertThat(store.load("a")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void sweepRemovesExpiredSessionsOnly() {
        store.save(session("old1"));
        store.save(session("old2"));
        clock.advance(Duration.ofMinutes(20));
        store.save(session("recent"));
        clock.advance(Duration.ofMinutes(15));
        assertThat(store.size()).isEqualTo(3);

        store.sweep();

        assertThat(store.size()).isEqualTo(1);
        assertThat(store.load("recent")).isPresent();
    }

    @Test
    void storeCallsSweepAtMostOnceAMinute() {
        InMemorySessionStore shortLived = new InMemorySessionStore(Duration.ofSeconds(10), Duration.ofSeconds(10), 1_000, clock);
        shortLived.save(session("a"));
        clock.advance(Duration.ofSeconds(30));
        shortLived.save(session("b"));
        assertThat(shortLived.size()).as("no sweep within a minute of the first").isEqualTo(2);

        clock.advance(Duration.ofSeconds(31));
        shortLived.save(session("c"));

        assertThat(shortLived.size()).isEqualTo(1);
        assertThat(shortLived.load("c")).isPresent();
    }

    @Test
    void storedSessionCopiesItsAttributes() {
        Map<String, Object> attributes = new HashMap<>(Map.of("k", "v"));
        StoredSession stored = new StoredSession("a", START, null, attributes);
        attributes.put("k", "changed");

        assertThat(stored.attributes()).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void anonymousSessionsExpireAfterTheShortAnonymousMaxAgeAndUsedOnesDoNot() {
        InMemorySessionStore bounded = new InMemorySessionStore(MAX_AGE, Duration.ofMinutes(5), 1_000, clock);
        bounded.save(session("anonymous"));
        bounded.save(new StoredSession("signed-in", START, "alice", Map.of()));
        bounded.save(new StoredSession("with-cart", START, null, Map.of("cart", 3)));

        clock.advance(Duration.ofMinutes(5).plusMillis(1));

        assertThat(bounded.load("anonymous")).isEmpty();
        assertThat(bounded.load("signed-in")).isPresent();
        assertThat(bounded.load("with-cart")).isPresent();
    }

    @Test
    void pastTheCapTheLeastRecentlyUsedSessionIsEvicted() {
        InMemorySessionStore bounded = new InMemorySessionStore(MAX_AGE, MAX_AGE, 3, clock);
        bounded.save(session("a"));
        bounded.save(session("b"));
        bounded.save(session("c"));
        assertThat(bounded.load("a")).isPresent();

        bounded.save(session("d"));

        assertThat(bounded.size()).isEqualTo(3);
        assertThat(bounded.evicted()).isEqualTo(1);
        assertThat(bounded.load("b")).as("least recently used").isEmpty();
        assertThat(bounded.load("a")).isPresent();
        assertThat(bounded.load("c")).isPresent();
        assertThat(bounded.load("d")).isPresent();
    }
}
