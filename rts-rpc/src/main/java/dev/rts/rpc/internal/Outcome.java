package dev.rts.rpc.internal;

import java.util.List;

/**
 * How a call ended: the values it answered, or an error message for the caller.
 */
sealed interface Outcome {

    /**
     * The call answered these values.
     *
     * @param values the values, possibly {@code null} elements
     */
    record Answer(List<Object> values) implements Outcome {
    }

    /**
     * The call failed.
     *
     * @param message what the caller is told
     * @param cause   what went wrong on the server, or {@code null}; never sent to a remote caller
     */
    record Failure(String message, Throwable cause) implements Outcome {
    }
}
