package dev.rts.json.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads well-formed JSON text straight into plain values ({@code LinkedHashMap}, {@code ArrayList}, {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code null}) in one pass over the string, with no reader object,
 * char buffer or token objects: the common case of every JSON message.
 *
 * <p>It takes only text it is sure about and {@linkplain #DECLINED declines} everything else (anything malformed,
 * deep nesting, duplicate names, control characters in strings, numbers outside plain JSON syntax), so that the full
 * codec decides those cases: its value, or its error in RTS's words. Whatever this reader accepts, the full codec
 * would accept with an equal value. Stateless between calls; thread-safe.
 */
final class PlainReader {

    /** Returned when the text is left to the full codec. */
    static final Object DECLINED = new Object();

    /** Deeper nesting is left to the full codec, which reads without recursion. */
    private static final int MAX_DEPTH = 64;

    private final String text;
    private final int end;
    private int pos;

    private PlainReader(String text) {
        this.text = text;
        this.end = text.length();
    }

    /**
     * Reads one JSON value that fills the whole text (whitespace around it allowed).
     *
     * @return the value, or {@link #DECLINED}
     */
    static Object read(String text) {
        PlainReader reader = new PlainReader(text);
        try {
            reader.skipWhitespace();
            Object value = reader.value(0);
            reader.skipWhitespace();
            return reader.pos == reader.end ? value : DECLINED;
        } catch (Declined | IndexOutOfBoundsException e) {
            return DECLINED;
        }
    }

    /** Thrown inside the reader to give the text up; carries no stack trace. */
    private static final class Declined extends RuntimeException {
        static final Declined INSTANCE = new Declined();

        private Declined() {
            super(null, null, false, false);
        }
    }

    private Object value(int depth) {
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                return number();
        }
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw Declined.INSTANCE;
        }
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (text.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (text.charAt(pos) != '"') {
                throw Declined.INSTANCE;
            }
            String name = string();
            skipWhitespace();
            if (text.charAt(pos++) != ':') {
                throw Declined.INSTANCE;
            }
            skipWhitespace();
            if (map.put(name, value(depth)) != null) {
                // A repeated name: one decoding target keeps the last, another refuses it; the full codec knows.
                throw Declined.INSTANCE;
            }
            skipWhitespace();
            char next = text.charAt(pos++);
            if (next == '}') {
                return map;
            }
            if (next != ',') {
                throw Declined.INSTANCE;
            }
            skipWhitespace();
        }
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DEPTH) {
            throw Declined.INSTANCE;
        }
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (text.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth));
            skipWhitespace();
            char next = text.charAt(pos++);
            if (next == ']') {
                return list;
            }
            if (next != ',') {
                throw Declined.INSTANCE;
            }
            skipWhitespace();
        }
    }

    /** A string starting at the opening quote; a substring when it has no escapes. */
    private String string() {
        int start = ++pos;
        while (true) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                return escapedString(start);
            }
            if (c < 0x20) {
                throw Declined.INSTANCE;
            }
            pos++;
        }
    }

    private String escapedString(int start) {
        StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw Declined.INSTANCE;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos++), 16);
                        if (digit < 0) {
                            throw Declined.INSTANCE;
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> throw Declined.INSTANCE;
            }
        }
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw Declined.INSTANCE;
        }
        pos += word.length();
        if (pos < end && isWordChar(text.charAt(pos))) {
            throw Declined.INSTANCE;
        }
    }

    /**
     * A number in plain JSON syntax, {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}: whole numbers without a
     * point as {@code Long} when they fit, everything else as a finite {@code Double}, as the full codec reads them.
     */
    private Number number() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        char first = text.charAt(pos);
        if (first == '0') {
            pos++;
        } else if (first >= '1' && first <= '9') {
            digits();
        } else {
            throw Declined.INSTANCE;
        }
        boolean point = false;
        boolean exponent = false;
        if (pos < end && text.charAt(pos) == '.') {
            point = true;
            pos++;
            digits();
        }
        if (pos < end && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            exponent = true;
            pos++;
            if (pos < end && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            digits();
        }
        if (pos < end && isWordChar(text.charAt(pos))) {
            throw Declined.INSTANCE;
        }
        int length = pos - start;
        if (!point && !exponent && length <= 18) {
            // At most 18 characters: always a long, parsed without a substring.
            long value = 0;
            boolean negative = text.charAt(start) == '-';
            for (int i = negative ? start + 1 : start; i < pos; i++) {
                value = value * 10 + (text.charAt(i) - '0');
            }
            return negative ? -value : value;
        }
        String literal = text.substring(start, pos);
        if (!point) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooLong) {
                // Falls through to a double, as the full codec does.
            }
        }
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw Declined.INSTANCE;
        }
        return value;
    }

    private void digits() {
        int start = pos;
        while (pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw Declined.INSTANCE;
        }
    }

    private void skipWhitespace() {
        while (pos < end) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** Characters that would make a literal or number run on into something that is not JSON. */
    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                || c == '+' || c == '_' || c == '$';
    }
}
