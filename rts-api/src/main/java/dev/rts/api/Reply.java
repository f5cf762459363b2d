package dev.rts.api;

/**
 * Answers the callback of one inbound message. Thread-safe; may be used after the handler returned, from any thread.
 */
public interface Reply {

    /**
     * Whether the sender asked for an answer (the frame carried a callback id).
     *
     * @return {@code true} if {@link #send(Object)} will reach a callback
     */
    boolean expected();

    /**
     * Sends the answer with the request's callback id. JSON services have it encoded. Without a callback id the
     * message reaches the sender's generic handler instead.
     *
     * @param message the answer, not {@code null}
     * @return {@code false} if the socket has closed meanwhile
     */
    boolean send(Object message);
}
