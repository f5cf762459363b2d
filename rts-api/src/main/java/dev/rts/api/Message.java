package dev.rts.api;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An inbound payload. A text message's text is always available; JSON services decode it on demand, as many times
 * and into as many types as they like. A binary message (only services with {@link Feature#BINARY} receive them) is
 * read with {@link #buffer()} or {@link #bytes()}. Read-only, and valid after the handler returned.
 */
public interface Message {

    /**
     * The raw payload of a text message: everything after the frame's header fields, possibly empty, possibly
     * containing {@code |}.
     *
     * @return the payload text
     * @throws IllegalStateException if the message is binary
     */
    String text();

    /**
     * Whether the message came in a binary frame.
     *
     * @return {@code true} for a binary message, {@code false} for a text one
     */
    default boolean isBinary() {
        return false;
    }

    /**
     * The payload bytes, without copying them: a new read-only buffer from position 0 to the payload size, for each
     * call. A binary message gives its raw bytes; a text message the UTF-8 encoding of its text.
     *
     * @return a read-only buffer the caller may move freely
     */
    default ByteBuffer buffer() {
        return ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    /**
     * The payload bytes as a new array the caller owns: a copy of {@link #buffer()}.
     *
     * @return a new array
     */
    default byte[] bytes() {
        ByteBuffer buffer = buffer();
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(copy);
        return copy;
    }

    /**
     * Decodes the payload as JSON into the given type.
     *
     * @param type the target type, such as a record class
     * @param <T>  the result type
     * @return the decoded value; {@code null} for the JSON literal {@code null}
     * @throws IllegalArgumentException if the payload is not valid JSON for that type, naming what was expected
     * @throws IllegalStateException    if the message is binary
     */
    <T> T decode(Class<T> type);

    /**
     * Decodes the payload as JSON into a generic type, such as {@code List<Point>}.
     *
     * @param type the target type
     * @param <T>  the result type
     * @return the decoded value
     * @throws IllegalArgumentException if the payload is not valid JSON for that type
     * @throws IllegalStateException    if the message is binary
     */
    <T> T decode(Type type);
}
