package dev.rts.core;

import dev.rts.core.internal.InMemorySessionStore;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session store that keeps sessions in an {@link InMemorySessionStore} and records the ids it was asked to load and
 * how often it was closed.
 */
public final class RecordingSessionStore implements SessionStore {

    private final SessionStore delegate;
    private final Queue<String> loads = new ConcurrentLinkedQueue<>();
    private final AtomicInteger closes = new AtomicInteger();
    private final Queue<String> saves = new ConcurrentLinkedQueue<>();

    public RecordingSessionStore(Duration maxAge, Clock clock) {
        this.delegate = new InMemorySessionStore(maxAge, maxAge, 100_000, clock);
    }

    @Override
    public Optional<StoredSession> load(String id) {
        loads.add(id);
        return delegate.load(id);
    }

    @Override
    public void save(StoredSession session) {
        saves.add(session.id());
        delegate.save(session);
    }

    @Override
    public void delete(String id) {
        delegate.delete(id);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    /** The ids passed to {@link #load(String)}, in order. */
    public List<String> loads() {
        return List.copyOf(loads);
    }

    /** The ids passed to {@link #save(StoredSession)}, in order. */
    public List<String> saves() {
        return List.copyOf(saves);
    }

    /** How many times {@link #close()} was called. */
    public int closes() {
        return closes.get();
    }
}
