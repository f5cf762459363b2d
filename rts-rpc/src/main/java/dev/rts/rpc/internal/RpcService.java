package dev.rts.rpc.internal;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.api.ServiceOptions;
import dev.rts.rpc.Rpc;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The rpc service: browsers and other JVMs call methods registered through {@link Rpc}. JSON, callbacks and
 * sessions. Options are documented in the {@code dev.rts.rpc} package.
 *
 * <p>Public only so that {@link java.util.ServiceLoader} can create it; apps use {@link Rpc#service()} and
 * {@link Rpc}.
 */
public final class RpcService implements Service {

    /** The default mount name. */
    public static final String NAME = "rpc";

    private DefaultRpc rpc;
    private ScheduledThreadPoolExecutor timers;
    private boolean started;

    /** Does no work; the service starts in {@link #start(ServiceContext)}. */
    public RpcService() {
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
     * @throws IllegalArgumentException if an option has the wrong type or value
     */
    @Override
    public Map<String, Object> clientOptions(ServiceOptions options) {
        return Map.of("timeout", RpcConfig.from(options).clientTimeout().toMillis());
    }

    /**
     * Reads the options, starts the timeout thread and starts taking calls.
     *
     * @return the {@link Rpc} API
     * @throws IllegalArgumentException if an option has the wrong type or value
     * @throws IllegalStateException    if already started
     */
    @Override
    public synchronized Rpc start(ServiceContext context) {
        if (started) {
            throw new IllegalStateException("Service '" + context.name() + "' was already started");
        }
        RpcConfig config = RpcConfig.from(context.options());
        List<String> unknown = context.options().asMap().keySet().stream()
                .filter(k -> !RpcConfig.KEYS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            context.logger().warn("Rpc ignores unknown options {}; known options are {}", unknown,
                    RpcConfig.KEYS.stream().sorted().toList());
        }
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
}
