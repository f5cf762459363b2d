package dev.rts.core.spi;

import java.nio.ByteBuffer;

/**
 * The server as a transport sees it. Every method is called on a transport I/O thread, returns quickly and never
 * blocks; the server moves the work to its worker threads.
 */
public interface TransportHost {

    /**
     * The settings the app configured, for transports that honour them.
     *
     * @return the settings
     */
    TransportSettings settings();

    /**
     * A socket opened. Call it before any {@link #received} for that connection.
     *
     * @param connection the new connection
     */
    void opened(Connection connection);

    /**
     * A complete text frame arrived.
     *
     * @param connection the connection it arrived on
     * @param frame      the frame text
     */
    void received(Connection connection, String frame);

    /**
     * A complete binary frame arrived.
     *
     * @param connection the connection it arrived on
     * @param frame      the frame from its position to its limit; it belongs to the server from then on, so the
     *                   transport must hand over memory it will not reuse (not a pooled buffer)
     */
    void receivedBinary(Connection connection, ByteBuffer frame);

    /**
     * A socket closed, for whatever reason. Called once per opened connection.
     *
     * @param connection the connection
     * @param code       the close code, or 1006 when the socket closed without one
     * @param reason     the close reason, possibly empty
     */
    void closed(Connection connection, int code, String reason);

    /**
     * The browser client bundle for {@code GET /rts/client.js}.
     *
     * @return the bundle, built once at start
     */
    ClientBundle clientBundle();

    /**
     * An {@link Error} (such as {@link OutOfMemoryError}) reached a transport thread. The server hands it to the
     * app's fatal error handler, which by default logs it and halts the process: a half-dead server that still
     * accepts connections is worse than one that restarts. Transports call it from every I/O entry point they own
     * and from their threads' uncaught exception handler.
     *
     * @param error the error
     */
    void fatalError(Error error);
}
