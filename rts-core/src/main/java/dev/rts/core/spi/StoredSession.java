package dev.rts.core.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A session as a store keeps it. Immutable.
 *
 * @param id         the session id
 * @param createdAt  when it was created
 * @param userId     the signed-in user, or {@code null}
 * @param attributes JSON-encodable attribute values
 * @param position   the position (see {@link SessionStore#update(SessionChange)}) of the last change this session
 *                   reflects, as a shared store loaded it; {@code 0} if the store does not number changes or none was
 *                   made since the session was saved whole. Stores ignore it when saving.
 */
public record StoredSession(String id, Instant createdAt, String userId, Map<String, Object> attributes,
                            long position) {

    /**
     * Checks and copies the parts.
     *
     * @throws NullPointerException     if the id, time or attributes are {@code null}
     * @throws IllegalArgumentException if the position is negative
     */
    public StoredSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        attributes = Map.copyOf(attributes);
        if (position < 0) {
            throw new IllegalArgumentException("Session position must not be negative: " + position);
        }
    }

    /**
     * A session at position {@code 0}: one being saved whole, or loaded from a store that does not number changes.
     *
     * @param id         the session id
     * @param createdAt  when it was created
     * @param userId     the signed-in user, or {@code null}
     * @param attributes JSON-encodable attribute values
     * @throws NullPointerException if the id, time or attributes are {@code null}
     */
    public StoredSession(String id, Instant createdAt, String userId, Map<String, Object> attributes) {
        this(id, createdAt, userId, attributes, 0);
    }
}
