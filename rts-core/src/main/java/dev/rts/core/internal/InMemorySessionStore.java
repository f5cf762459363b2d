package dev.rts.core.internal;

import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default session store: sessions in memory, expiring once unused for longer than the max age. Expired sessions
 * are swept at most once a minute, on the thread of a store call, so the store needs no thread of its own.
 */
public final class InMemorySessionStore implements SessionStore {

    private static final long SWEEP_EVERY_MILLIS = 60_000;

    private record Entry(StoredSession session, Instant lastSeen) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Duration maxAge;
    private final Clock clock;
    private final AtomicLong nextSweep = new AtomicLong();

    /**
     * Creates a store.
     *
     * @param maxAge how long an unused session is kept
     * @param clock  the clock, replaceable in tests
     */
    public InMemorySessionStore(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Optional<StoredSession> load(String id) {
        sweepIfDue();
        Instant now = clock.instant();
        Entry entry = sessions.computeIfPresent(id, (k, e) -> expired(e, now) ? null : new Entry(e.session(), now));
        return entry == null ? Optional.empty() : Optional.of(entry.session());
    }

    @Override
    public void save(StoredSession session) {
        sweepIfDue();
        sessions.put(session.id(), new Entry(session, clock.instant()));
    }

    @Override
    public void delete(String id) {
        sessions.remove(id);
    }

    /** How many sessions are kept, expired or not. */
    int size() {
        return sessions.size();
    }

    /** Removes every expired session now. */
    void sweep() {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> expired(e, now));
    }

    private boolean expired(Entry entry, Instant now) {
        return entry.lastSeen().plus(maxAge).isBefore(now);
    }

    private void sweepIfDue() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_EVERY_MILLIS)) {
            sweep();
        }
    }
}
