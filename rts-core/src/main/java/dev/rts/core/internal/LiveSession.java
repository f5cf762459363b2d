package dev.rts.core.internal;

import dev.rts.api.Session;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A session in use on this server process, shared by all its sockets here. Writes go through to the store.
 */
final class LiveSession implements Session {

    private final String id;
    private final Instant createdAt;
    private final SessionStore store;
    private final BiConsumer<LiveSession, String> userChanged;
    private String userId;
    private final Map<String, Object> attributes;

    LiveSession(StoredSession stored, SessionStore store, BiConsumer<LiveSession, String> userChanged) {
        this.id = stored.id();
        this.createdAt = stored.createdAt();
        this.userId = stored.userId();
        this.attributes = new LinkedHashMap<>(stored.attributes());
        this.store = store;
        this.userChanged = userChanged;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public synchronized Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    @Override
    public void setUserId(String newUserId) {
        if (newUserId != null && newUserId.isBlank()) {
            throw new IllegalArgumentException("User id must not be blank; use null to sign out");
        }
        String previous;
        synchronized (this) {
            previous = userId;
            if (Objects.equals(previous, newUserId)) {
                return;
            }
            userId = newUserId;
            store.save(snapshot());
        }
        userChanged.accept(this, previous);
    }

    @Override
    public synchronized Optional<Object> get(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    @Override
    public synchronized void put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, () -> "value of session attribute '" + key + "'; use remove() instead");
        attributes.put(key, value);
        store.save(snapshot());
    }

    @Override
    public synchronized void remove(String key) {
        if (attributes.remove(key) != null) {
            store.save(snapshot());
        }
    }

    @Override
    public synchronized Set<String> keys() {
        return Set.copyOf(attributes.keySet());
    }

    synchronized StoredSession snapshot() {
        return new StoredSession(id, createdAt, userId, attributes);
    }

    @Override
    public String toString() {
        return "Session[" + id.substring(0, Math.min(6, id.length())) + "...]";
    }
}
