package dev.rts.json.internal;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes plain values (maps with string keys, collections, strings, booleans, whole numbers, finite doubles and
 * floats, {@code null}) straight into a {@code StringBuilder}, byte for byte as the full codec writes them: no HTML
 * escaping, {@code null} map values left out, {@code null} list elements kept. Any other value inside (a record, a
 * bean, an enum) is written by the full codec in its place. A value this writer cannot vouch for (a {@code NaN}, a map
 * with non-string keys) makes it give up, and the caller encodes the whole value with the full codec, which decides
 * (its text, or its error in RTS's words).
 */
final class PlainWriter {

    /** Escapes of the ASCII characters that need one, as the full codec writes them; null for the others. */
    private static final String[] ESCAPES = new String[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = String.format("\\u%04x", c);
        }
        ESCAPES['"'] = "\\\"";
        ESCAPES['\\'] = "\\\\";
        ESCAPES['\t'] = "\\t";
        ESCAPES['\b'] = "\\b";
        ESCAPES['\n'] = "\\n";
        ESCAPES['\r'] = "\\r";
        ESCAPES['\f'] = "\\f";
    }

    private PlainWriter() {
    }

    /** Thrown inside the writer to give the value up; carries no stack trace. */
    static final class GaveUp extends RuntimeException {
        static final GaveUp INSTANCE = new GaveUp();

        private GaveUp() {
            super(null, null, false, false);
        }
    }

    /**
     * Appends a value's JSON.
     *
     * @param other writes a value that is not plain (a record, a bean, an enum) with the full codec
     * @throws GaveUp if the full codec must encode the whole value instead; {@code out} then holds a partial text
     */
    static void write(StringBuilder out, Object value, Function<Object, String> other) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw GaveUp.INSTANCE;
            }
            out.append(d.doubleValue());
        } else if (value instanceof Float f) {
            if (!Float.isFinite(f)) {
                throw GaveUp.INSTANCE;
            }
            out.append(f.floatValue());
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, other);
        } else if (value instanceof Collection<?> collection) {
            array(out, collection, other);
        } else {
            String text = other.apply(value);
            if (text.equals("null")) {
                // The full codec writes some objects (anonymous classes) as null, and then leaves their map entry out.
                throw GaveUp.INSTANCE;
            }
            out.append(text);
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, Function<Object, String> other) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw GaveUp.INSTANCE;
            }
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, name);
            out.append(':');
            write(out, value, other);
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Collection<?> collection, Function<Object, String> other) {
        out.append('[');
        boolean first = true;
        for (Object element : collection) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(out, element, other);
        }
        out.append(']');
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        int last = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            String escape;
            if (c < 128) {
                escape = ESCAPES[c];
                if (escape == null) {
                    continue;
                }
            } else if (c == '\u2028') {
                escape = "\\u2028";
            } else if (c == '\u2029') {
                escape = "\\u2029";
            } else {
                continue;
            }
            out.append(s, last, i).append(escape);
            last = i + 1;
        }
        out.append(s, last, length).append('"');
    }
}
