package dev.rts.core.spi;

/**
 * Carries frames between sockets and the server. A transport owns its I/O threads; it hands every event to the
 * {@link TransportHost} it was started with, never blocking inside those calls.
 */
public interface Transport {

    /**
     * A short name for logs and {@code Request.transport()}, such as {@code "undertow"}.
     *
     * @return the name
     */
    String name();

    /**
     * Starts accepting connections. Called once, on the thread that starts the server.
     *
     * @param host where to report connections and frames
     * @throws Exception if the transport cannot start, for example because the port is taken
     */
    void start(TransportHost host) throws Exception;

    /**
     * Stops gracefully: closes every open connection with code 1001 (going away), then releases its threads. Blocks
     * until done or a bounded grace period passed. Calling it twice, or before start, does nothing.
     */
    void stop();

    /**
     * The port the transport listens on, useful when it was configured with port 0.
     *
     * @return the bound port, or {@code -1} for transports without one
     * @throws IllegalStateException if called before {@link #start(TransportHost)}
     */
    default int port() {
        return -1;
    }

    /**
     * The browser half of this transport: a script defining {@code RTS.transports.<name>}, added to the client bundle
     * after the core client.
     *
     * @return the script, or empty text for transports without a browser client
     */
    default String clientScript() {
        return "";
    }

    /**
     * The name the client bundle passes to {@code RTS.create({transport: ...})}.
     *
     * @return the browser transport name, such as {@code "ws"}
     */
    default String clientTransportName() {
        return "ws";
    }
}
