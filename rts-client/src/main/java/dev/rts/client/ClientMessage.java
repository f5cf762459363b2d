package dev.rts.client;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;

/**
 * A message a service sent to this client, text or binary. Immutable.
 */
public interface ClientMessage {

    /**
     * The name of the service that sent it.
     *
     * @return the service name
     */
    String service();

    /**
     * The payload text as it came off the wire.
     *
     * @return the text
     * @throws IllegalStateException if the message is binary
     */
    String text();

    /**
     * Whether the message came in a binary frame.
     *
     * @return {@code true} for a binary message
     */
    boolean isBinary();

    /**
     * The payload bytes without copying them: the raw bytes of a binary message, the UTF-8 of a text one.
     *
     * @return a new read-only buffer, position 0, for each call
     */
    ByteBuffer buffer();

    /**
     * The payload bytes as a new array the caller owns.
     *
     * @return a copy of {@link #buffer()}
     */
    default byte[] bytes() {
        ByteBuffer buffer = buffer();
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(copy);
        return copy;
    }

    /**
     * Decodes the payload as JSON.
     *
     * @param type the target type
     * @param <T>  the result type
     * @return the value
     * @throws IllegalArgumentException if the payload is not JSON of that type
     * @throws IllegalStateException    if the message is binary
     */
    <T> T decode(Class<T> type);

    /**
     * Decodes the payload as JSON into a generic type.
     *
     * @param type the target type
     * @param <T>  the result type
     * @return the value
     * @throws IllegalArgumentException if the payload is not JSON of that type
     * @throws IllegalStateException    if the message is binary
     */
    <T> T decode(Type type);
}
