package dev.rts.core.spi;

import java.util.Optional;

/**
 * Keeps sessions between connections, and between server processes if it is shared. Thread-safe. Its methods may
 * block (a network store); the server calls them on worker threads only.
 */
public interface SessionStore {

    /**
     * Loads a session and marks it as seen now, so that it does not expire while in use.
     *
     * @param id the session id
     * @return the session, or empty if unknown or expired
     */
    Optional<StoredSession> load(String id);

    /**
     * Saves a session, replacing any earlier version.
     *
     * @param session the session
     */
    void save(StoredSession session);

    /**
     * Deletes a session. Deleting an unknown id does nothing.
     *
     * @param id the session id
     */
    void delete(String id);

    /**
     * Releases threads and connections. Called once when the server stops.
     */
    default void close() {
    }
}
