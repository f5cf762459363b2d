package dev.rts.rpc.internal;

import dev.rts.api.BrowserHalf;
import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.api.ServiceOptions;
import dev.rts.rpc.Rpc;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The rpc service: browsers and other JVMs call methods registered through {@link Rpc}. JSON, callbacks and
 * sessions. Configured with {@link Rpc#builder()}.
 *
 * <p>Public only so that {@link java.util.ServiceLoader} can create it; apps use {@link Rpc#service()} or
 * {@link Rpc#builder()}, and {@link Rpc}.
 */
public final class RpcService implements Service {

    /** The default mount name. */
    public static final String NAME = "rpc";

    private final RpcConfig config;
    private DefaultRpc rpc;
    private ScheduledThreadPoolExecutor timers;
    private boolean started;

    /** The service with the default settings, as discovery creates it. Does no work. */
    public RpcService() {
        this(RpcConfig.DEFAULTS);
    }

    /**
     * The service with these settings, as {@code Rpc.builder()} creates it. Does no work.
     *
     * @param config the checked settings
     */
    public RpcService(RpcConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(Feature.JSON, Feature.CALLBACKS, Feature.SESSIONS);
    }

    /**
     * Sends the browser half its timeout, {@code {"timeout": <clientTimeout in ms>}}.
     *
     * @throws IllegalArgumentException if options were given: rpc is configured with {@link Rpc#builder()}
     */
    @Override
    public Map<String, Object> clientOptions(ServiceOptions options) {
        refuseOptions(options);
        return Map.of("timeout", config.clientTimeout().toMillis());
    }

    /** One way to configure a first-party service: its typed builder, never a string-keyed map. */
    private static void refuseOptions(ServiceOptions options) {
        options.requireNone("Rpc", "Rpc.builder().timeout(...).clientTimeout(...).maxInFlight(...).build()");
    }

    /**
     * Reads the options, starts the timeout thread and starts taking calls.
     *
     * @return the {@link Rpc} API
     * @throws IllegalArgumentException if options were given: rpc is configured with {@link Rpc#builder()}
     * @throws IllegalStateException    if already started
     */
    @Override
    public synchronized Rpc start(ServiceContext context) {
        if (started) {
            throw new IllegalStateException("Service '" + context.name() + "' was already started");
        }
        refuseOptions(context.options());
        String threadName = "rts-" + context.name() + "-timeouts";
        timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        rpc = new DefaultRpc(context, config.timeout(), timers);
        context.onMessage(new WireHandler(rpc, config.maxInFlight()));
        DefaultRpc calls = rpc;
        context.onDisconnect(event -> calls.disconnected(event.socketId()));
        started = true;
        context.logger().info("Rpc ready (timeout {}, browser timeout {}, at most {} calls in flight per connection)",
                RpcConfig.describe(config.timeout()), RpcConfig.describe(config.clientTimeout()),
                config.maxInFlight());
        return rpc;
    }

    /** Stops the timeout thread and fails the calls still in flight. */
    @Override
    public synchronized void stop() {
        if (timers != null) {
            timers.shutdownNow();
            timers = null;
        }
        if (rpc != null) {
            rpc.stop();
        }
    }

    /**
     * The browser half, {@code META-INF/rts/dev.rts.rpc.internal.RpcService.js}; declared, so a jar without it
     * refuses to start.
     *
     * @return the function expression
     * @throws IllegalStateException if the file is missing from the jar
     */
    @Override
    public Optional<String> clientCode() {
        return Optional.of(BrowserHalf.read(RpcService.class));
    }
}
