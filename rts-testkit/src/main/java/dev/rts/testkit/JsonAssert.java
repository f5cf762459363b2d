package dev.rts.testkit;

import dev.rts.json.internal.StrictJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a JSON value, decoded by the server's own strict codec: compare by value, not as escaped
 * strings, and step into it by path. Start with {@link ReceivedMessageAssert#json()}.
 *
 * <pre>{@code
 * assertThat(client.call("counter", Map.of("inc", 1))).json().path("count").isEqualTo(3);
 * assertThat(alice.nextMessage("chat")).json().isEqualToJson("{\"from\":\"bob\",\"text\":\"hi\"}");
 * assertThat(message).json().path("items[0].tags[1]").isEqualTo("new");
 * }</pre>
 *
 * <p>Numbers compare by value ({@code 3}, {@code 3L} and {@code 3.0} are equal), objects ignore key order, and an
 * expected value that is not plain JSON (a record, a map of records) is encoded with the same codec first.
 */
public final class JsonAssert extends AbstractAssert<JsonAssert, Object> {

    private static final StrictJson JSON = StrictJson.instance();

    private final String where;

    JsonAssert(Object decoded, String where) {
        super(decoded, JsonAssert.class);
        this.where = where;
    }

    /**
     * Steps into the value: object fields by name, separated by dots, and array elements by index in brackets, such
     * as {@code "count"}, {@code "user.name"} or {@code "items[0].id"}.
     *
     * @param path the path from this value
     * @return an assertion on the value there, which may be JSON {@code null}
     * @throws AssertionError if a field is missing, an index is out of range, or a step meets a value of another kind,
     *                        quoting the value where the step failed
     */
    public JsonAssert path(String path) {
        Object value = actual;
        String at = where;
        for (String step : steps(path)) {
            if (step.startsWith("[")) {
                int index = Integer.parseInt(step.substring(1, step.length() - 1));
                if (!(value instanceof List<?> list) || index >= list.size()) {
                    failWithMessage("Expected an array with an element %d at %s but found %s", index, at,
                            JSON.encode(value));
                    return this;
                }
                value = list.get(index);
                at = at + step;
            } else {
                if (!(value instanceof Map<?, ?> map) || !map.containsKey(step)) {
                    failWithMessage("Expected an object with a field '%s' at %s but found %s", step, at,
                            JSON.encode(value));
                    return this;
                }
                value = map.get(step);
                at = at + "." + step;
            }
        }
        return new JsonAssert(value, at);
    }

    /**
     * Checks that the value has nothing at a path (a missing field or index).
     *
     * @param path as for {@link #path(String)}
     * @return this assertion
     */
    public JsonAssert doesNotHavePath(String path) {
        try {
            JsonAssert found = path(path);
            failWithMessage("Expected nothing at %s.%s but found %s", where, path, JSON.encode(found.actual));
        } catch (AssertionError expected) {
            // the path is missing, as it should be
        }
        return this;
    }

    /**
     * Checks the value against a Java value: a string, number, boolean, {@code null}, map, list or anything the
     * codec encodes (records), compared as JSON.
     *
     * @param expected the expected value
     * @return this assertion
     */
    @Override
    public JsonAssert isEqualTo(Object expected) {
        Object wanted = expected instanceof String || expected instanceof Number || expected instanceof Boolean
                || expected == null ? expected : JSON.parse(JSON.encode(expected));
        if (!normalized(wanted).equals(normalized(actual))) {
            failWithMessage("Expected JSON at %s to be%n  %s%nbut was%n  %s", where, JSON.encode(expected),
                    JSON.encode(actual));
        }
        return this;
    }

    /**
     * Checks the value against JSON text, ignoring whitespace and key order.
     *
     * @param expectedJson the expected JSON
     * @return this assertion
     * @throws IllegalArgumentException if the expected text is not JSON
     */
    public JsonAssert isEqualToJson(String expectedJson) {
        Object wanted = JSON.parse(expectedJson);
        if (!normalized(wanted).equals(normalized(actual))) {
            failWithMessage("Expected JSON at %s to be%n  %s%nbut was%n  %s", where, expectedJson,
                    JSON.encode(actual));
        }
        return this;
    }

    /** Splits {@code a.b[0].c} into {@code a}, {@code b}, {@code [0]}, {@code c}. */
    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                if (!name.isEmpty()) {
                    steps.add(name.toString());
                    name.setLength(0);
                }
                if (c == '[') {
                    int end = path.indexOf(']', i);
                    if (end < 0 || !path.substring(i + 1, end).matches("\\d+")) {
                        throw new IllegalArgumentException("Bad JSON path '" + path + "': expected [<index>] at "
                                + i);
                    }
                    steps.add(path.substring(i, end + 1));
                    i = end;
                }
            } else {
                name.append(c);
            }
        }
        if (!name.isEmpty()) {
            steps.add(name.toString());
        }
        return steps;
    }

    /** Numbers as exact decimals without trailing zeros, so that 3, 3L and 3.0 are equal; maps and lists deeply. */
    private static Object normalized(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalized(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonAssert::normalized).toList();
        }
        return value;
    }
}
