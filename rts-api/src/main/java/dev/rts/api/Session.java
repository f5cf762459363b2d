package dev.rts.api;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A browser session, shared by every tab and connection that presents its id, and kept across reconnects until it
 * expires. Thread-safe. Changes are written to the server's session store as they happen.
 *
 * <p>Attribute values must be JSON-encodable (strings, numbers, booleans, lists, maps, records) so that any store can
 * keep them.
 */
public interface Session {

    /**
     * The session id: 128 random bits or more, URL-safe.
     *
     * @return the id
     */
    String id();

    /**
     * When the session was created.
     *
     * @return the creation time
     */
    Instant createdAt();

    /**
     * The user signed in on this session.
     *
     * @return the user id, or empty when nobody is signed in
     */
    Optional<String> userId();

    /**
     * Signs a user in on this session, or out with {@code null}. It affects this session only: other sessions of the
     * same user stay signed in. Listeners registered with {@link ServiceContext#onUserChange} are told.
     *
     * @param userId the user id, or {@code null} to sign out
     */
    void setUserId(String userId);

    /**
     * Reads an attribute.
     *
     * @param key the key
     * @return the value, or empty
     */
    Optional<Object> get(String key);

    /**
     * Writes an attribute.
     *
     * @param key   the key
     * @param value a JSON-encodable value, not {@code null} (use {@link #remove(String)})
     */
    void put(String key, Object value);

    /**
     * Removes an attribute.
     *
     * @param key the key
     */
    void remove(String key);

    /**
     * The attribute keys.
     *
     * @return a snapshot of the keys
     */
    Set<String> keys();
}
