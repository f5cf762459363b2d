package dev.rts.api;

import java.nio.ByteBuffer;

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

    /**
     * Sends the answer as a binary frame with the request's callback id, whatever kind of message the request was:
     * a text request may get bytes and a binary request a text or JSON answer through {@link #send(Object)}.
     *
     * @param payload the bytes from its position to its limit, copied once into the frame; its position is not
     *                changed, and it may be reused once this returns
     * @return {@code false} if the socket has closed meanwhile
     * @throws IllegalStateException if the service does not use {@link Feature#BINARY}
     * @throws NullPointerException  if the payload is {@code null}
     */
    boolean sendBytes(ByteBuffer payload);
}
