package dev.rts.core;

/**
 * Inspects, transforms, drops or rejects messages before a service sees them, Connect style. Middleware runs in the
 * order it was added, on the connection's worker thread, one message at a time per connection. It does not see the
 * system service's handshake messages.
 *
 * <p>To let a message through, call {@link MiddlewareChain#next(IncomingMessage)} (with the same message or a
 * transformed copy); to answer with an error frame, call {@link MiddlewareChain#reject(String)}; to drop it silently,
 * call neither. Call at most one of them, once. A middleware that throws has the message rejected with the exception's
 * message and the error logged.
 */
@FunctionalInterface
public interface Middleware {

    /**
     * Handles one message.
     *
     * @param message the message
     * @param chain   continues or stops processing
     * @throws Exception to reject the message
     */
    void handle(IncomingMessage message, MiddlewareChain chain) throws Exception;

    /**
     * Called after a socket closed, on a worker thread, so that per-socket state can be freed.
     *
     * @param socketId the closed socket
     */
    default void onDisconnect(String socketId) {
    }
}
