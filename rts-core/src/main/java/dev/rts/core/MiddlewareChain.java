package dev.rts.core;

/**
 * Continues or stops the processing of one message. See {@link Middleware}.
 */
public interface MiddlewareChain {

    /**
     * Passes the message on to the next middleware, or to the service after the last one.
     *
     * @param message the message, possibly transformed
     */
    void next(IncomingMessage message);

    /**
     * Stops processing and sends the sender an error frame with this message (and its callback id, if any).
     *
     * @param errorMessage what went wrong, shown to the client
     */
    void reject(String errorMessage);
}
