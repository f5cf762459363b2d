package dev.rts.core.spi;

import dev.rts.core.Admission;
import dev.rts.core.HandshakeRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

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
     * Asks the app's authenticator whether a WebSocket upgrade may proceed. Call it for every upgrade request that
     * passed the origin check, before upgrading, and wait for the answer without blocking the I/O thread. On
     * {@link Admission.Refused}, answer the HTTP request with its status and body (text/plain, UTF-8) and do not
     * upgrade; on {@link Admission.Admitted}, upgrade and pass it to {@link #opened(Connection, Admission.Admitted)}.
     * Without an authenticator the future is already complete, admitting an anonymous socket.
     *
     * @param request the request, copied out of the transport's own objects
     * @return the decision; it completes on another thread within the server's authentication timeout and never
     *         exceptionally
     */
    CompletableFuture<Admission> authenticate(HandshakeRequest request);

    /**
     * A socket that {@link #authenticate} admitted opened. Call it before any {@link #received} for that
     * connection.
     *
     * @param connection the new connection
     * @param admission  what {@link #authenticate} answered for its upgrade request
     */
    void opened(Connection connection, Admission.Admitted admission);

    /**
     * A socket opened on a transport without upgrade requests to authenticate (an in-memory test pipe). It is
     * anonymous; on a server with an authenticator it is closed at once with 1008, so that no transport can let a
     * socket past the app's authenticator by forgetting it.
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
