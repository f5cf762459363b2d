package dev.rts.api;

import java.lang.reflect.Type;

/**
 * The server's JSON codec, so that services need no JSON library of their own. Thread-safe.
 */
public interface Json {

    /**
     * Encodes a value.
     *
     * @param value any value: records, maps, lists, strings, numbers, booleans, or {@code null}
     * @return JSON text
     */
    String encode(Object value);

    /**
     * Decodes JSON text.
     *
     * @param json the text
     * @param type the target type
     * @param <T>  the result type
     * @return the value
     * @throws IllegalArgumentException if the text is not valid JSON for that type
     */
    <T> T decode(String json, Type type);

    /**
     * Converts an already decoded value (maps, lists, strings, numbers, booleans as produced by decoding into
     * {@code Object}) into another type, without going through text.
     *
     * @param value the decoded value
     * @param type  the target type
     * @param <T>   the result type
     * @return the converted value
     * @throws IllegalArgumentException if the value does not fit the type
     */
    <T> T convert(Object value, Type type);
}
