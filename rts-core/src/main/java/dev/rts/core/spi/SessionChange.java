package dev.rts.core.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change to one stored session: what the server hands to {@link SessionStore#update(SessionChange)} when a
 * session in use changes, and what a shared store reports to {@link SessionStore#onChange} when any process changed
 * one. Immutable.
 */
public sealed interface SessionChange {

    /**
     * The session changed.
     *
     * @return the session id
     */
    String sessionId();

    /**
     * The session as it is after this change.
     *
     * @param session the session before it
     * @return a new session
     */
    StoredSession applyTo(StoredSession session);

    /**
     * A user signed in, or out.
     *
     * @param sessionId the session
     * @param userId    the user signed in now, or {@code null} after a sign-out
     */
    record UserSet(String sessionId, String userId) implements SessionChange {

        /**
         * Checks the session id.
         *
         * @throws NullPointerException if it is {@code null}
         */
        public UserSet {
            Objects.requireNonNull(sessionId, "sessionId");
        }

        @Override
        public StoredSession applyTo(StoredSession session) {
            return new StoredSession(session.id(), session.createdAt(), userId, session.attributes());
        }
    }

    /**
     * An attribute was written.
     *
     * @param sessionId the session
     * @param key       the attribute key
     * @param value     its JSON-encodable value, not {@code null}
     */
    record AttributePut(String sessionId, String key, Object value) implements SessionChange {

        /**
         * Checks the parts.
         *
         * @throws NullPointerException if one is {@code null}
         */
        public AttributePut {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public StoredSession applyTo(StoredSession session) {
            Map<String, Object> attributes = new HashMap<>(session.attributes());
            attributes.put(key, value);
            return new StoredSession(session.id(), session.createdAt(), session.userId(), attributes);
        }
    }

    /**
     * An attribute was removed.
     *
     * @param sessionId the session
     * @param key       the attribute key
     */
    record AttributeRemoved(String sessionId, String key) implements SessionChange {

        /**
         * Checks the parts.
         *
         * @throws NullPointerException if one is {@code null}
         */
        public AttributeRemoved {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public StoredSession applyTo(StoredSession session) {
            Map<String, Object> attributes = new HashMap<>(session.attributes());
            attributes.remove(key);
            return new StoredSession(session.id(), session.createdAt(), session.userId(), attributes);
        }
    }
}
