package dev.rts.presence;

import dev.rts.api.Service;
import dev.rts.presence.internal.PresenceConfig;
import dev.rts.presence.internal.PresenceService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
     * A new, unstarted presence service with the defaults (browsers may neither join nor watch,
     * {@link PresenceAuthorizer#DENY_ALL}), for apps that mount services by hand. Discovery may stay on: the server
     * skips the discovered instance of the same class.
     *
     * @return a service to pass to the server builder
     */
    static Service service() {
        return new PresenceService();
    }

    /**
     * A builder for a presence service with other settings than the defaults; the one way to configure presence (it
     * takes no string-keyed options map). Mount what it builds by hand; discovery may stay on, the server then skips
     * the discovered instance.
     *
     * <pre>{@code
     * RtsServer.builder().service(Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL)
     *         .gracePeriod(Duration.ofSeconds(5)).build())
     * }</pre>
     *
     * @return a new builder with the defaults
     */
    static Builder builder() {
        return new Builder();
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

    /**
     * Settings of a presence service, each checked when set. Not thread-safe; {@link #build()} may be called several
     * times, each time making a new service (one instance serves one server).
     */
    final class Builder {
        private Duration gracePeriod = PresenceConfig.DEFAULTS.gracePeriod();
        private Duration batchInterval = PresenceConfig.DEFAULTS.batchInterval();
        private Duration heartbeatInterval = PresenceConfig.DEFAULTS.heartbeatInterval();
        private Duration nodeTimeout = PresenceConfig.DEFAULTS.nodeTimeout();
        private int maxTopicsPerConnection = PresenceConfig.DEFAULTS.maxTopicsPerConnection();
        private int maxWatchesPerConnection = PresenceConfig.DEFAULTS.maxWatchesPerConnection();
        private int maxMetaBytes = PresenceConfig.DEFAULTS.maxMetaBytes();
        private int maxMembersPerTopic = PresenceConfig.DEFAULTS.maxMembersPerTopic();
        private PresenceAuthorizer authorizer = PresenceConfig.DEFAULTS.authorizer();
        private PresenceTracker tracker = PresenceConfig.DEFAULTS.tracker();

        private Builder() {
        }

        /**
         * How long the entries of a connection that closed stay before they leave (default 3 s). A connection of the
         * same session that joins the same topic meanwhile (a reload, a reconnect) takes the entry over, so watchers
         * see no leave and join. A connection that dies without a close frame is closed by the server's idle timeout
         * first, so it leaves after that timeout plus this period.
         *
         * @param period zero or more, at most 5 minutes
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder gracePeriod(Duration period) {
            this.gracePeriod = check("gracePeriod", period, Duration.ZERO, Duration.ofMinutes(5));
            return this;
        }

        /**
         * How often changes are sent, as one diff per topic to its watchers and one message to the other nodes
         * (default 50 ms). Bounds the frames a mass join sends each watcher to one per interval.
         *
         * @param interval 1 ms to 10 s
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder batchInterval(Duration interval) {
            this.batchInterval = check("batchInterval", interval, Duration.ofMillis(1), Duration.ofSeconds(10));
            return this;
        }

        /**
         * How often this node tells the others on the cluster bus that it is alive (default 3 s). Also how often
         * silent nodes are looked for.
         *
         * @param interval 10 ms to 1 minute, less than the node timeout
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = check("heartbeatInterval", interval, Duration.ofMillis(10),
                    Duration.ofMinutes(1));
            return this;
        }

        /**
         * How long another node may stay silent on the bus (process killed, network lost) before its entries
         * disappear here (default 12 s).
         *
         * @param timeout 30 ms to 5 minutes, at least twice the heartbeat interval (checked by {@link #build()})
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder nodeTimeout(Duration timeout) {
            this.nodeTimeout = check("nodeTimeout", timeout, Duration.ofMillis(30), Duration.ofMinutes(5));
            return this;
        }

        /**
         * How many topics one connection may be in (default 20).
         *
         * @param max 1 to 1000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxTopicsPerConnection(int max) {
            this.maxTopicsPerConnection = check("maxTopicsPerConnection", max, 1, 1000);
            return this;
        }

        /**
         * How many topics one connection may watch (default 20).
         *
         * @param max 1 to 1000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxWatchesPerConnection(int max) {
            this.maxWatchesPerConnection = check("maxWatchesPerConnection", max, 1, 1000);
            return this;
        }

        /**
         * The largest meta, encoded as JSON, in bytes (default 1024).
         *
         * @param bytes 2 to 65536
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxMetaBytes(int bytes) {
            this.maxMetaBytes = check("maxMetaBytes", bytes, 2, 65_536);
            return this;
        }

        /**
         * How many members (keys) one topic may have (default 10,000); a join that would add one more is refused.
         *
         * @param max 1 to 1,000,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxMembersPerTopic(int max) {
            this.maxMembersPerTopic = check("maxMembersPerTopic", max, 1, 1_000_000);
            return this;
        }

        /**
         * Decides which topics browsers may join and watch (default {@link PresenceAuthorizer#DENY_ALL}).
         *
         * @param authorizer the authorizer
         * @return this builder
         * @throws NullPointerException if it is {@code null}
         */
        public Builder authorizer(PresenceAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * Puts connections into topics by the server's decision (default {@link PresenceTracker#NONE}).
         *
         * @param tracker the tracker
         * @return this builder
         * @throws NullPointerException if it is {@code null}
         */
        public Builder tracker(PresenceTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /**
         * Makes a new, unstarted service with these settings.
         *
         * @return a service to pass to the server builder
         * @throws IllegalArgumentException if the node timeout is less than twice the heartbeat interval
         */
        public Service build() {
            if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("Presence nodeTimeout (" + nodeTimeout + ") must be at least twice "
                        + "heartbeatInterval (" + heartbeatInterval + "), or live nodes would time out");
            }
            return new PresenceService(new PresenceConfig(gracePeriod, batchInterval, heartbeatInterval, nodeTimeout,
                    maxTopicsPerConnection, maxWatchesPerConnection, maxMetaBytes, maxMembersPerTopic, authorizer,
                    tracker));
        }

        private static Duration check(String property, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("Presence " + property + " must be between " + min + " and " + max
                        + " but was " + value);
            }
            return value;
        }

        private static int check(String property, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("Presence " + property + " must be " + min + " to " + max
                        + " but was " + value);
            }
            return value;
        }
    }
}
