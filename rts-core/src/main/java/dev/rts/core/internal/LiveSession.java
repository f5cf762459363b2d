package dev.rts.core.internal;

import dev.rts.api.Session;
import dev.rts.core.spi.SessionChange;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
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
    /**
     * The position of the last snapshot {@link #reload} applied: every key reflects the store at least as of it, so a
     * change at or below it is old whatever its key, also one this session never had.
     */
    private long reloadedAt;

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
        reloadedAt = 0;
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
            if (position <= userPosition || position <= reloadedAt) {
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

    /**
     * Brings this session up to the store's version of it, after the store's change feed may have missed changes: each
     * key (the user id, every attribute this session or the loaded one has) takes the loaded value unless a change
     * at a later position than the loaded session's was applied to that key here (it is newer than the snapshot).
     * Afterwards a change at or below the loaded session's position counts as old for every key (the snapshot has it
     * already), so its late echo never undoes the snapshot. A snapshot older than one applied before is ignored.
     * Tells the user-change callback (outside the lock) if the user changed.
     *
     * @param stored the session as the store loaded it, with its position
     * @return the attribute keys whose value changed
     */
    Set<String> reload(StoredSession stored) {
        long position = stored.position();
        String previous = null;
        boolean userDiffers = false;
        Set<String> changed = new HashSet<>();
        synchronized (this) {
            if (position < reloadedAt) {
                return Set.of();
            }
            reloadedAt = position;
            if (position >= userPosition) {
                if (!Objects.equals(userId, stored.userId())) {
                    previous = userId;
                    userId = stored.userId();
                    userDiffers = true;
                }
            }
            Set<String> keys = new HashSet<>(stored.attributes().keySet());
            if (attributes != null) {
                keys.addAll(attributes.keySet());
            }
            for (String key : keys) {
                if (positions != null && position < positions.getOrDefault(key, 0L)) {
                    continue;
                }
                Object value = stored.attributes().get(key);
                Object before = value != null ? attributes().put(key, value) : attributes.remove(key);
                if (!Objects.equals(before, value)) {
                    changed.add(key);
                }
            }
        }
        if (userDiffers) {
            userChanged.accept(this, previous);
        }
        return changed;
    }

    private boolean applyAttribute(String key, Object value, long position) {
        if (position <= reloadedAt || positions != null && position <= positions.getOrDefault(key, 0L)) {
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
