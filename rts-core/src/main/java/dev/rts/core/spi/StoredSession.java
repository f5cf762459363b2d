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
 */
public record StoredSession(String id, Instant createdAt, String userId, Map<String, Object> attributes) {

    /**
     * Checks and copies the parts.
     *
     * @throws NullPointerException if the id, time or attributes are {@code null}
     */
    public StoredSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        attributes = Map.copyOf(attributes);
    }
}
