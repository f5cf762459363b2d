package dev.rts.presence.internal;

import dev.rts.api.BrowserHalf;
import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.presence.Presence;
import dev.rts.presence.PresenceAuthorizer;
import java.util.Optional;
import java.util.Set;

/**
 * The presence service. Its server-side API is {@link Presence}; its browser half is {@code rts.api.presence} (see
 * the module README).
 *
 * <p>Adding the jar is enough: {@link java.util.ServiceLoader} creates it with the public constructor and mounts it
 * as {@code "presence"} with the defaults, where browsers may neither join nor watch ({@link PresenceAuthorizer#DENY_ALL})
 * and server code tracks connections. Public only for that; apps configure it with {@link Presence#builder()} and
 * mount it explicitly; the server then skips the discovered instance:
 * <pre>{@code
 * RtsServer.builder()
 *         .service(Presence.builder()
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
     * The service with the defaults of {@link Presence#builder()}. Does no work; {@link java.util.ServiceLoader} uses
     * it.
     */
    public PresenceService() {
        this(PresenceConfig.DEFAULTS);
    }

    /**
     * The service with settings from {@link Presence#builder()}, checked there. Does no work.
     *
     * @param config the settings
     */
    public PresenceService(PresenceConfig config) {
        this.config = config;
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
     * @throws IllegalArgumentException if an options map was given: presence is configured with
     *                                  {@link Presence#builder()}
     * @throws IllegalStateException    if this instance was already started
     */
    @Override
    public synchronized Presence start(ServiceContext context) {
        context.options().requireNone("Presence", "Presence.builder().authorizer(...).gracePeriod(...).build()");
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
     * The browser half, {@code META-INF/rts/dev.rts.presence.internal.PresenceService.js}, read by {@link BrowserHalf}.
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
}
