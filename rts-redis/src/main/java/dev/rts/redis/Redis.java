package dev.rts.redis;

import dev.rts.api.ClusterBus;
import dev.rts.core.spi.SessionStore;
import dev.rts.redis.internal.RedisBus;
import dev.rts.redis.internal.RedisLink;
import dev.rts.redis.internal.RedisSessionStore;
import dev.rts.redis.internal.RedisUrl;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One server process's connection to Redis, which makes several RTS servers behave as one: the cluster bus on Redis
 * pub/sub ({@link #bus()}) carries every service's events to every server, and sessions kept in Redis
 * ({@link #sessionStore(Duration)}) survive a client moving to another server and a server restart.
 *
 * <p>Without code: add {@code rts-redis} to the class path and set {@code RTS_REDIS_URL}; the server finds both and
 * they share one connection. With code:
 * <pre>{@code
 * Redis redis = Redis.builder().url("redis://app:secret@redis.internal:6379/0").prefix("shop:").connect();
 * ClusterBus bus = redis.bus();
 * RtsServer server = RtsServer.builder()
 *         .clusterBus(bus)
 *         .sessionStore(redis.sessionStore(Duration.ofDays(1)))
 *         .build();
 * ...
 * server.stop();
 * bus.close();
 * redis.close();
 * }</pre>
 *
 * <p>Thread-safe. The connections stay open while this object or anything it handed out (a bus, a session store) is
 * open: each of those is closed by its owner (the server closes its store on stop), and the last one to close closes the
 * connections.
 */
public final class Redis implements AutoCloseable {

    /** The environment variable the server reads when no code configures Redis. */
    public static final String URL_VARIABLE = "RTS_REDIS_URL";
    /** The environment variable for {@link Builder#prefix(String)}, read with {@link #URL_VARIABLE}. */
    public static final String PREFIX_VARIABLE = "RTS_REDIS_PREFIX";

    private static final Duration DEFAULT_ANONYMOUS_MAX_AGE = Duration.ofMinutes(5);
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:/-]{0,64}");

    private final RedisLink link;
    private final String prefix;
    private int references = 1;

    private Redis(RedisLink link, String prefix) {
        this.link = link;
        this.prefix = prefix;
    }

    /**
     * A builder with the defaults: prefix {@code rts:}, 5 s connect timeout, 5 s command timeout.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder configured from the environment: {@code RTS_REDIS_URL}, and {@code RTS_REDIS_PREFIX} if set.
     *
     * @return the builder, or empty if {@code RTS_REDIS_URL} is not set
     * @throws IllegalArgumentException if a variable is set but invalid, naming it
     */
    public static Optional<Builder> fromEnvironment() {
        return fromVariables(System.getenv());
    }

    static Optional<Builder> fromVariables(Map<String, String> variables) {
        String url = variables.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        Builder builder = builder();
        try {
            builder.url(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL_VARIABLE + ": " + e.getMessage(), e);
        }
        String prefix = variables.get(PREFIX_VARIABLE);
        if (prefix != null) {
            try {
                builder.prefix(prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX_VARIABLE + ": " + e.getMessage(), e);
            }
        }
        return Optional.of(builder);
    }

    /**
     * A session store in this Redis, for {@code RtsServer.builder().sessionStore(...)}: one hash per session under
     * {@code <prefix>session:<id>}, expiring {@code maxAge} after its last use, with changes reported to every server
     * on {@code <prefix>sessions}. A session with no user and no attributes expires 5 minutes after its last use (or
     * after {@code maxAge} if shorter), as in the in-memory store: see {@link #sessionStore(Duration, Duration)}.
     * Each server needs its own store (the server closes it on stop).
     *
     * @param maxAge how long an unused session is kept, at least one second
     * @return a new store; its methods block up to the command timeout and throw {@link IllegalStateException} when
     *         Redis does not answer
     * @throws IllegalStateException if this object was closed
     */
    public SessionStore sessionStore(Duration maxAge) {
        return sessionStore(maxAge, DEFAULT_ANONYMOUS_MAX_AGE);
    }

    /**
     * A session store as {@link #sessionStore(Duration)}, with its own lifetime for anonymous sessions: every connect
     * without a session id makes one (up to {@code newSessionsPerAddress} a second per address), so keeping them
     * for the full max age would let one address fill Redis with keys nobody uses.
     *
     * @param maxAge          how long an unused session is kept, at least one second
     * @param anonymousMaxAge how long an unused session with no user and no attributes is kept, at least 1 ms;
     *                        capped at {@code maxAge}
     * @return a new store
     * @throws IllegalStateException if this object was closed
     */
    public SessionStore sessionStore(Duration maxAge, Duration anonymousMaxAge) {
        if (maxAge == null || maxAge.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("Session max age must be at least 1 second but was " + maxAge);
        }
        if (anonymousMaxAge == null || anonymousMaxAge.toMillis() < 1) {
            throw new IllegalArgumentException("Anonymous session max age must be at least 1 ms but was "
                    + anonymousMaxAge);
        }
        acquire();
        return new RedisSessionStore(link, prefix, maxAge, anonymousMaxAge, this::release);
    }

    /**
     * The cluster bus on this Redis, for {@code RtsServer.builder().clusterBus(...)}: bus topic {@code T} is the
     * Redis channel {@code <prefix>bus:T}, carrying the bytes as published. All topics share this connection's one
     * subscribing connection. Each server needs its own bus, with its own node id; whoever passes it to the builder
     * closes it after stopping the server.
     *
     * @return a new bus
     * @throws IllegalStateException if this object was closed
     */
    public ClusterBus bus() {
        acquire();
        return new RedisBus(link, prefix, this::release);
    }

    /**
     * How the link to Redis is now.
     *
     * @return a snapshot
     */
    public RedisHealth health() {
        return new RedisHealth(link.url().toString(), link.healthy(), link.lostMessages());
    }

    /**
     * The key and channel prefix.
     *
     * @return the prefix, such as {@code rts:}
     */
    public String prefix() {
        return prefix;
    }

    private synchronized void acquire() {
        if (references == 0) {
            throw new IllegalStateException("This Redis connection was closed; connect a new one");
        }
        references++;
    }

    private synchronized void release() {
        if (references > 0 && --references == 0) {
            link.close();
        }
    }

    /**
     * Gives up this object's hold on the connections; they close once every store it handed out is closed too.
     * Calling it again does nothing. May block up to two seconds while the connections close.
     */
    @Override
    public void close() {
        boolean first;
        synchronized (this) {
            first = !closedByOwner;
            closedByOwner = true;
        }
        if (first) {
            release();
        }
    }

    private boolean closedByOwner;

    @Override
    public String toString() {
        return "Redis[" + link.url() + ", prefix '" + prefix + "']";
    }

    /**
     * Configures a {@link Redis}. Not thread-safe; each method checks its argument at once.
     */
    public static final class Builder {
        private RedisUrl url;
        private String prefix = "rts:";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration commandTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        /**
         * Where Redis is: {@code redis://[user:password@]host[:port][/database]}, or {@code rediss://} for TLS. Port
         * 6379 and database 0 by default; a user and password log in with an ACL user, a password alone with the
         * default user. Characters such as {@code @} in a password are percent-encoded.
         *
         * @param url the URL
         * @return this builder
         * @throws IllegalArgumentException if it is not such a URL; the message never shows the password
         */
        public Builder url(String url) {
            this.url = RedisUrl.parse(url);
            return this;
        }

        /**
         * The prefix of every key and channel this app uses (default {@code rts:}), so that several apps share one
         * Redis: give each its own.
         *
         * @param prefix 0 to 64 characters of letters, digits and {@code _ . : / -}
         * @return this builder
         */
        public Builder prefix(String prefix) {
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("Redis prefix must be 0 to 64 characters of letters, digits and "
                        + "_ . : / - but was " + (prefix == null ? "null" : "'" + prefix + "'"));
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * How long one attempt to connect may take (default 5 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * How long a command may wait for its answer (default 5 s); a session store call that takes longer fails.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive("commandTimeout", timeout);
            return this;
        }

        /**
         * Connects, blocking up to the connect timeout.
         *
         * @return the connection
         * @throws IllegalStateException if no URL was given, or Redis cannot be reached or refuses the login; the
         *                               message names the URL with the password hidden
         */
        public Redis connect() {
            if (url == null) {
                throw new IllegalStateException("No Redis URL: call url(...) or set " + URL_VARIABLE);
            }
            return new Redis(RedisLink.open(url, connectTimeout, commandTimeout), prefix);
        }

        private static Duration positive(String property, Duration value) {
            Objects.requireNonNull(value, property);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(property + " must be a positive duration but was " + value);
            }
            return value;
        }
    }
}
