package dev.rts.json.internal;

import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of every JSON error, in RTS's own words: "Expected a JSON object but found a string at $.user". The
 * parser's messages carry its token names, its settings ("setStrictness(Strictness.LENIENT)") and a troubleshooting
 * URL, none of which helps a remote client; they are translated here, in one place, keeping only where the problem
 * is.
 */
final class JsonErrors {

    private static final int SNIPPET = 40;
    private static final Pattern TOKENS = Pattern.compile("Expected ([A-Z_]+) but was ([A-Z_]+)");
    private static final Pattern NUMBER = Pattern.compile("Expected (an? [a-z]+) but was (\\S+)");
    private static final Pattern INPUT = Pattern.compile("For input string: (\".*\")");
    private static final Pattern LINE = Pattern.compile("line (\\d+) column (\\d+)");
    private static final Pattern PATH = Pattern.compile("path (\\$\\S*)");
    private static final Pattern NOT_FINITE = Pattern.compile("forbids NaN and infinities: (\\S+?);?(?: at|$)");

    private JsonErrors() {
    }

    /** What a value of this type looks like in JSON, for "Expected ..." messages. */
    static String kindOf(Type type) {
        Class<?> raw = raw(type);
        if (raw == Object.class) {
            return "JSON";
        }
        if (raw == String.class || raw == Character.class || raw == char.class || raw.isEnum()) {
            return "a string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return "a number";
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    /**
     * The message for text that cannot be JSON of the type at all (empty, or not starting like a JSON value), or
     * {@code null} if it starts like one.
     */
    static String ofStart(String json, Type type) {
        int start = 0;
        while (start < json.length() && isWhitespace(json.charAt(start))) {
            start++;
        }
        if (start == json.length()) {
            return "Expected " + kindOf(type) + " but found " + (json.isEmpty() ? "an empty text" : "only whitespace");
        }
        char first = json.charAt(start);
        boolean valueStart = first == '{' || first == '[' || first == '"' || first == '-' || first == 't'
                || first == 'f' || first == 'n' || (first >= '0' && first <= '9');
        return valueStart ? null : "Expected " + kindOf(type) + " but found " + snippet(json.substring(start));
    }

    /** The message for a decoding or conversion failure. */
    static String ofDecoding(Throwable failure, Type type) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = firstLine(root.getMessage());
        String where = where(message);
        Matcher tokens = TOKENS.matcher(message);
        if (tokens.find()) {
            return "Expected " + token(tokens.group(1)) + " but found " + token(tokens.group(2)) + where;
        }
        Matcher notFinite = NOT_FINITE.matcher(message);
        if (notFinite.find()) {
            return "Expected a finite number but found " + notFinite.group(1) + where;
        }
        Matcher number = NUMBER.matcher(message);
        if (number.find()) {
            String found = number.group(2);
            return "Expected " + number.group(1) + " but found "
                    + (found.matches("[A-Z_]+") ? token(found) : found) + where;
        }
        Matcher input = INPUT.matcher(message);
        if (input.find()) {
            return "Expected a number but found " + input.group(1) + where;
        }
        if (root instanceof EOFException) {
            return "Malformed JSON: the text ends before the value is complete" + where;
        }
        if (root instanceof MalformedJsonException) {
            return "Malformed JSON" + where + "; names and strings take double quotes, and comments, trailing "
                    + "commas, NaN and Infinity are not JSON";
        }
        return "Expected " + kindOf(type) + " but the value does not fit" + where;
    }

    /** The message for a value that cannot be encoded. */
    static String ofEncoding(Object value, Throwable failure) {
        String message = firstLine(failure.getMessage());
        if (message.contains("is not a valid double value")) {
            return "Cannot encode a " + value.getClass().getSimpleName() + " holding NaN or Infinity: JSON has only "
                    + "finite numbers";
        }
        return "Cannot encode a " + (value == null ? "null" : value.getClass().getSimpleName()) + " as JSON: "
                + message;
    }

    private static String where(String message) {
        Matcher line = LINE.matcher(message);
        Matcher path = PATH.matcher(message);
        StringBuilder where = new StringBuilder();
        if (path.find() && !path.group(1).equals("$") && !path.group(1).equals("$.")) {
            where.append(" at ").append(path.group(1).endsWith(".") ? path.group(1).substring(0,
                    path.group(1).length() - 1) : path.group(1));
        }
        if (line.find()) {
            where.append(where.length() == 0 ? " at" : ",").append(" line ").append(line.group(1)).append(" column ")
                    .append(line.group(2));
        }
        return where.toString();
    }

    private static String token(String name) {
        return switch (name) {
            case "BEGIN_OBJECT" -> "a JSON object";
            case "BEGIN_ARRAY" -> "a JSON array";
            case "STRING" -> "a string";
            case "NUMBER" -> "a number";
            case "BOOLEAN" -> "a boolean";
            case "NULL" -> "null";
            case "NAME" -> "a name";
            case "END_OBJECT" -> "the end of an object";
            case "END_ARRAY" -> "the end of an array";
            case "END_DOCUMENT" -> "the end of the text";
            default -> name.toLowerCase(Locale.ROOT);
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String snippet(String text) {
        String cut = text.length() > SNIPPET ? text.substring(0, SNIPPET) + "..." : text;
        return "'" + cut + "'";
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }
}
