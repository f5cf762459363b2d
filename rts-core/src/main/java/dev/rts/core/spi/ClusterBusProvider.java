package dev.rts.core.spi;

import dev.rts.api.ClusterBus;

/**
 * Creates the server's {@link ClusterBus}; found with {@link java.util.ServiceLoader} when the app does not give a
 * bus to {@code RtsServerBuilder.clusterBus(...)}, so that adding a jar (such as rts-redis) is enough to scale out.
 * The no-arg constructor must do no work. At most one {@linkplain #configured() configured} provider may be present;
 * with none, the server uses a private in-process bus.
 */
public interface ClusterBusProvider {

    /**
     * The bus name, such as {@code "redis"}, for log lines and errors.
     *
     * @return the name
     */
    String name();

    /**
     * Whether this provider has what it needs to create a bus (for rts-redis: {@code RTS_REDIS_URL} is set). The
     * server skips a provider that is not configured, so that its jar alone changes nothing. Called once per server
     * start; must not block.
     *
     * @return {@code true} by default
     */
    default boolean configured() {
        return true;
    }

    /**
     * Creates and connects a bus for one server. Called once per server start, on the starting thread; may block
     * while it connects. The server closes the bus after its services stopped.
     *
     * @return an open bus with a node id of its own
     * @throws RuntimeException if it cannot connect; the server then refuses to start, quoting the message
     */
    ClusterBus create();
}
