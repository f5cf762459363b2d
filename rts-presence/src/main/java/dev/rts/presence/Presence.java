package dev.rts.presence;

import java.util.List;
import java.util.Map;

/**
 * The server-side API of the presence service: {@code api.get("presence", Presence.class)}.
 *
 * <p>A topic (a room, a document, "online") has members. A member is a <em>key</em>: the user id when the connection's
 * session is signed in, else an opaque key derived from the session id (never the session id itself, which is a
 * secret). Each connection in the topic adds one <em>meta</em> to its key: the app's JSON object plus {@code "ref"},
 * a string unique to that connection's entry. A key joins with its first meta and leaves with its last.
 *
 * <p>The lists are the whole cluster's: each server owns its own connections' entries and shares them over the
 * server's cluster bus, so {@link #list} and {@link #count} on any server converge to the same answer.
 *
 * <p>Every method is thread-safe and never blocks.
 */
public interface Presence {

    /**
     * A builder for the presence service, to configure it and mount it explicitly:
     * {@code RtsServer.builder().service(Presence.service().gracePeriod(Duration.ofSeconds(5)).build())}.
     *
     * @return a new builder with the defaults
     */
    static PresenceService.Builder service() {
        return PresenceService.builder();
    }

    /**
     * The members of a topic, as this server knows them now.
     *
     * @param topic the topic
     * @return the members sorted by key, each with its metas sorted by ref (the same order on every server);
     *         empty for an unknown topic
     */
    List<Member> list(String topic);

    /**
     * How many members (keys) a topic has.
     *
     * @param topic the topic
     * @return the number of keys
     */
    int count(String topic);

    /**
     * Puts a connection of this server into a topic, as a browser's {@code join} would but without asking the
     * {@link PresenceAuthorizer}; if it is already in, replaces its meta. Bounds still apply.
     *
     * @param socketId a connection open on this server
     * @param topic    the topic
     * @param meta     the app's metadata, JSON-encodable; {@code "ref"} is set by the service
     * @return the entry's ref
     * @throws IllegalArgumentException if the socket is unknown, the topic name invalid, or the meta too big
     * @throws IllegalStateException    if a bound is reached; the message names the bound and its value
     */
    String track(String socketId, String topic, Map<String, ?> meta);

    /**
     * Takes a connection out of a topic at once (no grace period).
     *
     * @param socketId the connection
     * @param topic    the topic
     * @return {@code true} if it was in the topic
     */
    boolean untrack(String socketId, String topic);

    /**
     * Adds a listener for keys joining and leaving topics anywhere in the cluster ("user X came online"). Calls come
     * on the service's own thread, once per batch, in order; a listener must not block.
     *
     * @param listener the listener
     */
    void addListener(PresenceListener listener);

    /**
     * Removes a listener; does nothing if it was not added.
     *
     * @param listener the listener
     */
    void removeListener(PresenceListener listener);

    /**
     * One member of a topic.
     *
     * @param key   the user id, or the opaque key of an anonymous session
     * @param metas one meta per connection, each with its {@code "ref"}
     */
    record Member(String key, List<Map<String, Object>> metas) {
        /**
         * Copies the metas.
         *
         * @param key   the key
         * @param metas the metas
         */
        public Member {
            metas = List.copyOf(metas);
        }
    }
}
