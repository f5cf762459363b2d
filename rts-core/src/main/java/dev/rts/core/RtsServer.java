package dev.rts.core;

import dev.rts.api.Api;
import dev.rts.api.Connections;

/**
 * A Realtime Services server: the services, the transport that carries their frames, sessions and middleware.
 *
 * <pre>{@code
 * RtsServer server = RtsServer.builder().port(3001).service(new ChatService()).build();
 * Api api = server.start();
 * }</pre>
 *
 * <p>Thread-safe. A server starts once; after {@link #stop()} it cannot be started again.
 */
public interface RtsServer extends AutoCloseable {

    /**
     * A builder with the defaults: services discovered with {@link java.util.ServiceLoader}, the transport discovered
     * the same way, port 3001, in-memory sessions.
     *
     * @return a new builder
     */
    static RtsServerBuilder builder() {
        return new RtsServerBuilder();
    }

    /**
     * Starts every service in registration order, then the transport. Blocks until the transport accepts
     * connections.
     *
     * @return the shared api holding every service's server-side API
     * @throws IllegalStateException if already started or stopped, or if a service or the transport fails to start
     *                               (the message names it; everything started so far is stopped again)
     */
    Api start();

    /**
     * Stops the transport (closing sockets with 1001), lets queued messages finish within a grace period, then stops
     * the services in reverse order. Idempotent.
     */
    void stop();

    /**
     * Same as {@link #stop()}.
     */
    @Override
    default void close() {
        stop();
    }

    /**
     * The shared api.
     *
     * @return the api
     * @throws IllegalStateException before {@link #start()}
     */
    Api api();

    /**
     * The connections open on this server, with their sessions and users: for counting who is online, or finding a
     * session from app code.
     *
     * @return a live view
     * @throws IllegalStateException before {@link #start()}
     */
    Connections connections();

    /**
     * The port the transport listens on.
     *
     * @return the bound port, or {@code -1} for transports without one
     * @throws IllegalStateException before {@link #start()}
     */
    int port();

    /**
     * The browser client bundle served at {@code /rts/client.js}, for build tools that bundle it themselves.
     *
     * @return the script
     * @throws IllegalStateException before {@link #start()}
     */
    String clientScript();
}
