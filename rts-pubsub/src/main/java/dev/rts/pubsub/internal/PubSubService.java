package dev.rts.pubsub.internal;

import dev.rts.api.BrowserHalf;
import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.pubsub.PubSub;
import dev.rts.pubsub.SubscriptionAuthorizer;
import java.util.Optional;
import java.util.Set;

/**
 * The pub/sub service. Its server-side API is {@link PubSub}; its browser half is {@code api.pubsub} (see the module
 * README).
 *
 * <p>Adding the jar is enough for one server process: {@link java.util.ServiceLoader} creates it with the public
 * constructor and mounts it as {@code "pubsub"}, with no client subscriptions. Public only for that; apps configure
 * it with {@link PubSub#builder()} and mount it explicitly; the server then skips the discovered instance:
 * <pre>{@code
 * RtsServer.builder()
 *         .service(PubSub.builder()
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
        this(new PubSubConfig(SubscriptionAuthorizer.DENY_ALL, PubSubConfig.DEFAULT_MAX_CHANNELS_PER_SESSION));
    }

    /**
     * The service with settings from {@link PubSub#builder()}, checked there. Does no work.
     *
     * @param config the settings
     */
    public PubSubService(PubSubConfig config) {
        this.config = config;
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
     * @throws IllegalStateException    if this instance was already started
     * @throws IllegalArgumentException if an options map was given: pubsub is configured with
     *                                  {@link PubSub#builder()}
     */
    @Override
    public synchronized PubSub start(ServiceContext context) {
        context.options().requireNone("PubSub", "PubSub.builder().authorizer(...).maxChannelsPerSession(...).build()");
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
     * The browser half, {@code META-INF/rts/dev.rts.pubsub.internal.PubSubService.js}; declared, so a jar without it
     * refuses to start.
     *
     * @return the function expression
     * @throws IllegalStateException if the file is missing from the jar
     */
    @Override
    public Optional<String> clientCode() {
        return Optional.of(BrowserHalf.read(PubSubService.class));
    }

    @Override
    public String toString() {
        return "PubSubService";
    }
}
