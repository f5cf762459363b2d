package dev.rts.client;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One service as the client sees it. Thread-safe. Handles stay valid across reconnects; while the server the client
 * is connected to no longer offers the service, {@link #send} returns {@code false} and {@link #call} fails.
 */
public interface ServiceHandle {

    /**
     * The service's mount name.
     *
     * @return the name
     */
    String name();

    /**
     * Sends a message without expecting an answer. JSON services have it encoded; others send
     * {@code message.toString()}.
     *
     * @param message the message, not {@code null}
     * @return {@code false} if nothing was sent: the client is not connected, or too much is already waiting to be
     *         sent (the transport bounds its buffer)
     * @throws IllegalArgumentException if the message is {@code null}
     */
    boolean send(Object message);

    /**
     * Sends a message and waits for the service's answer to its callback.
     *
     * @param message the message, not {@code null}
     * @return completes with the answer; fails with {@link RtsErrorException} on an error frame, when not connected,
     *         or when the connection closes first. Cancelling it, or letting {@code orTimeout} fail it, stops the
     *         client waiting for the answer
     * @throws IllegalStateException    if the service does not use callbacks
     * @throws IllegalArgumentException if the message is {@code null}
     */
    CompletableFuture<ClientMessage> call(Object message);

    /**
     * Like {@link #call(Object)}, decoding the answer as JSON.
     *
     * @param message   the message
     * @param replyType the type to decode the answer into
     * @param <T>       the answer type
     * @return completes with the decoded answer
     */
    <T> CompletableFuture<T> call(Object message, Class<T> replyType);

    /**
     * Sends bytes as a binary frame without expecting an answer.
     *
     * @param payload the bytes from its position to its limit, copied into the frame; its position is not changed
     * @return {@code false} if nothing was sent, as for {@link #send(Object)}
     * @throws IllegalStateException if the service does not take binary frames (its params lack {@code use.binary})
     * @throws NullPointerException  if the payload is {@code null}
     */
    boolean sendBytes(ByteBuffer payload);

    /**
     * Sends bytes as a binary frame and waits for the service's answer, which may be text or binary as the service
     * decides.
     *
     * @param payload the bytes from its position to its limit, copied into the frame; its position is not changed
     * @return completes with the answer, or fails as {@link #call(Object)}
     * @throws IllegalStateException if the service does not use callbacks or does not take binary frames
     * @throws NullPointerException  if the payload is {@code null}
     */
    CompletableFuture<ClientMessage> callBytes(ByteBuffer payload);

    /**
     * Adds a listener for messages that are not answers to a call (pushes, broadcasts). Called on the transport's
     * thread; keep it short.
     *
     * @param listener the listener
     */
    void onMessage(Consumer<ClientMessage> listener);
}
