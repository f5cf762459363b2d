package dev.rts.core.internal;

import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default session store: sessions in memory, bounded three ways. A session unused for longer than the max age
 * expires; an anonymous session (no user, no attributes) expires after the much shorter anonymous max age, so a
 * never-touched session costs nothing for long; and past {@code maxSessions}, the least recently used session is
 * evicted. Sessions with sockets open on this server live in the server's registry as well and are saved again when
 * their last socket closes, so eviction never takes a session from under an open socket. Expired sessions are swept
 * at most once a minute, on the thread of a store call, so the store needs no thread of its own.
 */
public final class InMemorySessionStore implements SessionStore {

    private record Entry(StoredSession session, Instant lastSeen) {
    }

    private final Map<String, Entry> sessions;
    private final Duration maxAge;
    private final Duration anonymousMaxAge;
    private final Clock clock;
    private static final long SWEEP_EVERY_MILLIS = 60_000;
    private long nextSweep;
    private long evicted;

    /**
     * Creates a store.
     *
     * @param maxAge          how long an unused session is kept
     * @param anonymousMaxAge how long an unused session with no user and no attributes is kept
     * @param maxSessions     the most sessions kept; past it the least recently used is evicted
     * @param clock           the clock, replaceable in tests
     */
    public InMemorySessionStore(Duration maxAge, Duration anonymousMaxAge, int maxSessions, Clock clock) {
        this.maxAge = maxAge;
        this.anonymousMaxAge = anonymousMaxAge.compareTo(maxAge) < 0 ? anonymousMaxAge : maxAge;
        this.clock = clock;
        // Access order: the eldest entry is the least recently loaded or saved one.
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                if (size() > maxSessions) {
                    evicted++;
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    public synchronized Optional<StoredSession> load(String id) {
        Instant now = clock.instant();
        sweepIfDue();
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        sessions.put(id, new Entry(entry.session(), now));
        return Optional.of(entry.session());
    }

    @Override
    public synchronized void save(StoredSession session) {
        sweepIfDue();
        sessions.put(session.id(), new Entry(session, clock.instant()));
    }

    @Override
    public synchronized void delete(String id) {
        sessions.remove(id);
    }

    /** How many sessions are kept, expired or not. */
    synchronized int size() {
        return sessions.size();
    }

    /** How many sessions were evicted for the cap since the store was created. */
    synchronized long evicted() {
        return evicted;
    }

    /** Removes every expired session now. */
    synchronized void sweep() {
        Instant now = clock.instant();
        for (Iterator<Entry> it = sessions.values().iterator(); it.hasNext(); ) {
            if (expired(it.next(), now)) {
                it.remove();
            }
        }
    }

    private boolean expired(Entry entry, Instant now) {
        StoredSession session = entry.session();
        boolean anonymous = session.userId() == null && session.attributes().isEmpty();
        return entry.lastSeen().plus(anonymous ? anonymousMaxAge : maxAge).isBefore(now);
    }

    private void sweepIfDue() {
        long now = clock.millis();
        if (now >= nextSweep) {
            nextSweep = now + SWEEP_EVERY_MILLIS;
            sweep();
        }
    }
}
