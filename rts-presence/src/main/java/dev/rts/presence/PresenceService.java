package dev.rts.presence;

import dev.rts.api.BrowserHalf;
import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.presence.internal.DefaultPresence;
import dev.rts.presence.internal.PresenceConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The presence service. Its server-side API is {@link Presence}; its browser half is {@code rts.api.presence} (see
 * the module README).
 *
 * <p>Adding the jar is enough: {@link java.util.ServiceLoader} creates it with the public constructor and mounts it
 * as {@code "presence"} with the defaults, where browsers may neither join nor watch ({@link PresenceAuthorizer#DENY_ALL})
 * and server code tracks connections. To configure it, build one and mount it; the server then skips the discovered
 * instance:
 * <pre>{@code
 * RtsServer.builder()
 *         .service(Presence.service()
 *                 .authorizer(PresenceAuthorizer.ALLOW_ALL)
 *                 .gracePeriod(Duration.ofSeconds(5))
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>It uses {@link Feature#SESSIONS} only and encodes its JSON itself, so that each diff is encoded once for every
 * watcher. One instance serves one server: starting it twice throws.
 */
public final class PresenceService implements Service {

    /** The default mount name. */
    public static final String NAME = "presence";

    private final PresenceConfig config;
    private DefaultPresence running;
    private boolean started;

    /**
     * The service with the defaults of {@link Builder}. Does no work; {@link java.util.ServiceLoader} uses it.
     */
    public PresenceService() {
        this(new Builder());
    }

    private PresenceService(Builder b) {
        this.config = new PresenceConfig(b.gracePeriod, b.batchInterval, b.heartbeatInterval, b.nodeTimeout,
                b.maxTopicsPerConnection, b.maxWatchesPerConnection, b.maxMetaBytes, b.maxMembersPerTopic,
                b.authorizer, b.tracker);
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@link Feature#SESSIONS} only: requests carry their own id, and the service encodes its JSON itself.
     *
     * @return the features
     */
    @Override
    public Set<Feature> features() {
        return Set.of(Feature.SESSIONS);
    }

    /**
     * Registers the handlers, subscribes to the cluster bus and asks the other nodes for their entries.
     *
     * @param context this service's view of the server
     * @return the {@link Presence} API
     * @throws IllegalStateException if this instance was already started
     */
    @Override
    public synchronized Presence start(ServiceContext context) {
        if (started) {
            throw new IllegalStateException("This PresenceService was already started (as '" + context.name()
                    + "' or on another server); build one instance per server");
        }
        started = true;
        running = DefaultPresence.start(context, config);
        return running;
    }

    /** Says goodbye on the bus, so that the other nodes drop this node's entries at once, and stops the timers. */
    @Override
    public synchronized void stop() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    /**
     * The browser half, {@code META-INF/rts/dev.rts.presence.PresenceService.js}, read by {@link BrowserHalf}.
     *
     * @return the function expression
     * @throws IllegalStateException if the file is missing from the jar or cannot be read
     */
    @Override
    public Optional<String> clientCode() {
        return Optional.of(BrowserHalf.read(PresenceService.class));
    }

    @Override
    public String toString() {
        return "PresenceService";
    }

    /**
     * Configures a {@link PresenceService}. Not thread-safe; each method checks its argument at once.
     */
    public static final class Builder {
        private Duration gracePeriod = Duration.ofSeconds(3);
        private Duration batchInterval = Duration.ofMillis(50);
        private Duration heartbeatInterval = Duration.ofSeconds(3);
        private Duration nodeTimeout = Duration.ofSeconds(12);
        private int maxTopicsPerConnection = 20;
        private int maxWatchesPerConnection = 20;
        private int maxMetaBytes = 1024;
        private int maxMembersPerTopic = 10_000;
        private PresenceAuthorizer authorizer = PresenceAuthorizer.DENY_ALL;
        private PresenceTracker tracker = PresenceTracker.NONE;

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
         * Builds the service.
         *
         * @return a new, unstarted service
         * @throws IllegalArgumentException if the node timeout is less than twice the heartbeat interval
         */
        public PresenceService build() {
            if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("nodeTimeout (" + nodeTimeout + ") must be at least twice "
                        + "heartbeatInterval (" + heartbeatInterval + "), or live nodes would time out");
            }
            return new PresenceService(this);
        }

        private static Duration check(String property, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(property + " must be between " + min + " and " + max + " but was "
                        + value);
            }
            return value;
        }

        private static int check(String property, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(property + " must be " + min + " to " + max + " but was " + value);
            }
            return value;
        }
    }
}
