package dev.rts.pubsub;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.pubsub.internal.DefaultPubSub;
import dev.rts.pubsub.internal.PubSubConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pub/sub service. Its server-side API is {@link PubSub}; its browser half is {@code api.pubsub} (see the module
 * README).
 *
 * <p>Adding the jar is enough for one server process: {@link java.util.ServiceLoader} creates it with the public
 * constructor and mounts it as {@code "pubsub"}, with no client subscriptions. To configure it, build one and mount
 * it explicitly; the server then skips the discovered instance:
 * <pre>{@code
 * RtsServer.builder()
 *         .service(PubSubService.builder()
 *                 .authorizer((session, channel) -> channel.startsWith("public:"))
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Events reach the other server processes of the app through the server's cluster bus
 * ({@code ServiceContext.bus()}); the service subscribes to bus topic {@code all} from start to stop, to
 * {@code channel:<name>} while a session with a socket on the node is subscribed to the channel, and to
 * {@code user:<id>} while a session signed in as the user has a socket on the node (the server puts the mount name in
 * front: {@code pubsub:all}). See the module README for the message format.
 *
 * <p>It uses {@link Feature#SESSIONS} only. Pushes are {@code <id>|{"e":...}} frames without callback field, as in
 * the reference; client subscription requests carry their own request id inside the JSON. The service encodes its
 * JSON itself (through {@code ServiceContext.json()}) rather than using {@link Feature#JSON}, so that each event is
 * encoded once for every socket on every node: the bus carries the payload text and other nodes send it on
 * unchanged. The frames on the wire are the same either way.
 *
 * <p>One instance serves one server: starting it twice throws.
 */
public final class PubSubService implements Service {

    /** The default mount name. */
    public static final String NAME = "pubsub";

    private final PubSubConfig config;
    private DefaultPubSub running;
    private boolean started;

    /**
     * The service with the defaults: {@link SubscriptionAuthorizer#DENY_ALL}, at most 100 channels per session. Does no work;
     * {@link java.util.ServiceLoader} uses it.
     */
    public PubSubService() {
        this(new Builder());
    }

    private PubSubService(Builder builder) {
        this.config = new PubSubConfig(builder.authorizer, builder.maxChannelsPerSession);
    }

    /**
     * A builder with the defaults of {@link #PubSubService()}.
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
     * {@link Feature#SESSIONS} only, for the reasons in the class comment.
     *
     * @return the features
     */
    @Override
    public Set<Feature> features() {
        return Set.of(Feature.SESSIONS);
    }

    /**
     * Registers the connection, user and message handlers and subscribes to the bus topic {@code all}.
     *
     * @param context this service's view of the server
     * @return the {@link PubSub} API
     * @throws IllegalStateException if this instance was already started
     */
    @Override
    public synchronized PubSub start(ServiceContext context) {
        if (started) {
            throw new IllegalStateException("This PubSubService was already started (as '" + context.name() + "' or "
                    + "on another server); build one instance per server");
        }
        started = true;
        running = DefaultPubSub.start(context, config);
        return running;
    }

    /**
     * Stops publishing and leaves the bus topics.
     */
    @Override
    public synchronized void stop() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    /**
     * The browser half, {@code PubSubService.js} next to this class, read from this module so that its package
     * need not be open.
     *
     * @return the function expression
     * @throws UncheckedIOException if the resource cannot be read
     */
    @Override
    public Optional<String> clientCode() {
        try (InputStream in = PubSubService.class.getResourceAsStream("PubSubService.js")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("PubSubService.js is missing next to "
                        + PubSubService.class.getName()));
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read browser half PubSubService.js of "
                    + PubSubService.class.getName(), e);
        }
    }

    @Override
    public String toString() {
        return "PubSubService";
    }

    /**
     * Configures a {@link PubSubService}. Not thread-safe; each method checks its argument at once.
     */
    public static final class Builder {
        private SubscriptionAuthorizer authorizer = SubscriptionAuthorizer.DENY_ALL;
        private int maxChannelsPerSession = 100;

        private Builder() {
        }

        /**
         * Decides which channels browsers may subscribe their own session to, and unsubscribe it from (default
         * {@link SubscriptionAuthorizer#DENY_ALL}: only server code subscribes sessions).
         *
         * @param authorizer the authorizer
         * @return this builder
         * @throws NullPointerException if it is {@code null}
         */
        public Builder authorizer(SubscriptionAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * How many channels one session may be subscribed to (default 100), bounding the session attribute and the
         * index when clients may subscribe themselves.
         *
         * @param max 1 to 10000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxChannelsPerSession(int max) {
            if (max < 1 || max > 10_000) {
                throw new IllegalArgumentException("maxChannelsPerSession must be 1 to 10000 but was " + max);
            }
            this.maxChannelsPerSession = max;
            return this;
        }

        /**
         * Builds the service.
         *
         * @return a new, unstarted service
         */
        public PubSubService build() {
            return new PubSubService(this);
        }
    }
}
