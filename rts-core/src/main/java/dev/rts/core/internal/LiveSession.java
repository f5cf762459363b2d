package dev.rts.core.internal;

import dev.rts.api.Session;
import dev.rts.core.spi.SessionChange;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A session in use on this server process, shared by all its sockets here. Each write goes through to the store as
 * one {@link SessionChange}. Changes other processes made through a shared store arrive in {@link #apply}; the
 * store's position of the last change applied per key (the user id or an attribute) decides which is newer, so a
 * late echo of an older change never undoes a newer one, and every process ends with the store's value.
 */
final class LiveSession implements Session {

    private final String id;
    private final Instant createdAt;
    private final SessionStore store;
    private final BiConsumer<LiveSession, String> userChanged;
    private String userId;
    /** The attributes, {@code null} while there are none (most sessions of idle sockets); guarded by this. */
    private Map<String, Object> attributes;
    /** The store's position of the last change applied per attribute key, made on first use; guarded by this. */
    private Map<String, Long> positions;
    private long userPosition;

    LiveSession(StoredSession stored, SessionStore store, BiConsumer<LiveSession, String> userChanged) {
        this.id = stored.id();
        this.createdAt = stored.createdAt();
        this.userId = stored.userId();
        this.attributes = stored.attributes().isEmpty() ? null : new LinkedHashMap<>(stored.attributes());
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
            long position = write(new SessionChange.UserSet(id, newUserId));
            userPosition = Math.max(userPosition, position);
        }
        userChanged.accept(this, previous);
    }

    @Override
    public synchronized Optional<Object> get(String key) {
        return attributes == null ? Optional.empty() : Optional.ofNullable(attributes.get(key));
    }

    @Override
    public synchronized void put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, () -> "value of session attribute '" + key + "'; use remove() instead");
        attributes().put(key, value);
        positions().merge(key, write(new SessionChange.AttributePut(id, key, value)), Math::max);
    }

    @Override
    public synchronized void remove(String key) {
        if (attributes != null && attributes.remove(key) != null) {
            positions().merge(key, write(new SessionChange.AttributeRemoved(id, key)), Math::max);
        }
    }

    /** Writes one change; a session the store no longer has (it expired while in use) is saved whole again. */
    private long write(SessionChange change) {
        long position = store.update(change);
        if (position > 0) {
            return position;
        }
        store.save(snapshot());
        // The store starts counting again for the saved session: forget the old positions, or its changes would look
        // older than what was applied.
        if (positions != null) {
            positions.clear();
        }
        userPosition = 0;
        return 0;
    }

    /**
     * Applies a change reported by a shared store, unless a change at the same or a later position was already
     * applied to the same key. Tells the user-change callback (outside the lock) if the user changed.
     *
     * @return {@code true} if the change was applied and changed something
     */
    boolean apply(SessionChange change, long position) {
        String previous;
        synchronized (this) {
            if (change instanceof SessionChange.AttributePut put) {
                return applyAttribute(put.key(), put.value(), position);
            }
            if (change instanceof SessionChange.AttributeRemoved removed) {
                return applyAttribute(removed.key(), null, position);
            }
            SessionChange.UserSet set = (SessionChange.UserSet) change;
            if (position <= userPosition) {
                return false;
            }
            userPosition = position;
            previous = userId;
            if (Objects.equals(previous, set.userId())) {
                return false;
            }
            userId = set.userId();
        }
        userChanged.accept(this, previous);
        return true;
    }

    private boolean applyAttribute(String key, Object value, long position) {
        if (positions != null && position <= positions.getOrDefault(key, 0L)) {
            return false;
        }
        positions().put(key, position);
        Object before = value != null ? attributes().put(key, value) : attributes == null ? null
                : attributes.remove(key);
        return !Objects.equals(before, value);
    }

    @Override
    public synchronized Set<String> keys() {
        return attributes == null ? Set.of() : Set.copyOf(attributes.keySet());
    }

    synchronized StoredSession snapshot() {
        return new StoredSession(id, createdAt, userId, attributes == null ? Map.of() : attributes);
    }

    /** The attributes, made on first use; under this session's lock. */
    private Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = new LinkedHashMap<>();
        }
        return attributes;
    }

    /** The positions, made on first use; under this session's lock. */
    private Map<String, Long> positions() {
        if (positions == null) {
            positions = new HashMap<>();
        }
        return positions;
    }

    @Override
    public String toString() {
        return "Session[" + id.substring(0, Math.min(6, id.length())) + "...]";
    }
}
