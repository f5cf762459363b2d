package dev.rts.rpc;

/**
 * Answers one call by hand, with any number of values, once. Thread-safe; use it from any thread, also after the
 * action returned. Get it by declaring a {@code Responder} parameter on a method, or from {@link RpcCall#responder()}.
 */
public interface Responder {

    /**
     * Answers the call with these values, handed to a browser callback as separate arguments:
     * {@code respond(null, 25)} calls {@code cb(null, 25)}, {@code respond()} calls {@code cb()}.
     *
     * @param values the values, each JSON-encodable or {@code null}; a {@code null} array stands for one {@code null}
     * @return {@code false} if the call was already answered or timed out, so these values were dropped
     */
    boolean respond(Object... values);

    /**
     * Answers the call with an error: a browser callback gets {@code new Error(message)} as its first argument.
     *
     * @param message the message for the caller, not {@code null}
     * @return {@code false} if the call was already answered or timed out
     */
    boolean fail(String message);
}
