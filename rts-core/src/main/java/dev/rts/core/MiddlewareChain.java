package dev.rts.core;

/**
 * Continues or stops the processing of one message. See {@link Middleware}.
 */
public interface MiddlewareChain {

    /**
     * Passes the message on to the next middleware, or to the service after the last one. The message may be the one
     * received, a copy from {@link IncomingMessage#withPayload(String)}, or any other implementation of
     * {@link IncomingMessage} (a wrapper or decorator): only its {@link IncomingMessage#payload()} is used; the target
     * service, the sender and the callback stay those of the received frame. Passing {@code null} rejects the message.
     *
     * @param message the message, possibly transformed or wrapped
     */
    void next(IncomingMessage message);

    /**
     * Stops processing and sends the sender an error frame with this message (and its callback id, if any).
     *
     * @param errorMessage what went wrong, shown to the client
     */
    void reject(String errorMessage);
}
