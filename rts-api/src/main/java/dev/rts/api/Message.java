package dev.rts.api;

import java.lang.reflect.Type;

/**
 * An inbound payload. The text is always available; JSON services decode it on demand, as many times and into as
 * many types as they like.
 */
public interface Message {

    /**
     * The raw payload: everything after the frame's header fields, possibly empty, possibly containing {@code |}.
     *
     * @return the payload text
     */
    String text();

    /**
     * Decodes the payload as JSON into the given type.
     *
     * @param type the target type, such as a record class
     * @param <T>  the result type
     * @return the decoded value; {@code null} for the JSON literal {@code null}
     * @throws IllegalArgumentException if the payload is not valid JSON for that type, naming what was expected
     */
    <T> T decode(Class<T> type);

    /**
     * Decodes the payload as JSON into a generic type, such as {@code List<Point>}.
     *
     * @param type the target type
     * @param <T>  the result type
     * @return the decoded value
     * @throws IllegalArgumentException if the payload is not valid JSON for that type
     */
    <T> T decode(Type type);
}
