package dev.rts.api;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

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

    /**
     * Names the JSON kind of a decoded value, for error messages that speak the wire's terms to a remote client
     * instead of Java's (a client sent {@code 1}, not a {@code Double}).
     *
     * @param decoded a value as produced by decoding into {@code Object}
     * @return {@code "null"}, {@code "a string"}, {@code "a number"}, {@code "a boolean"}, {@code "an array"},
     *         {@code "an object"}, or {@code "not JSON"} for anything else
     */
    static String kindOf(Object decoded) {
        if (decoded == null) {
            return "null";
        }
        if (decoded instanceof String) {
            return "a string";
        }
        if (decoded instanceof Number) {
            return "a number";
        }
        if (decoded instanceof Boolean) {
            return "a boolean";
        }
        if (decoded instanceof List<?> || decoded instanceof Object[]) {
            return "an array";
        }
        return decoded instanceof Map<?, ?> ? "an object" : "not JSON";
    }
}
