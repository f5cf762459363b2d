package dev.rts.rpc.internal;

import dev.rts.api.Json;
import dev.rts.rpc.RpcException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decodes arguments into parameter types. The codec is lenient (it reads {@code 2.5} as the int {@code 2} and
 * {@code "5"} as a number), so the kind of each argument is checked first: a caller who passes the wrong kind gets a
 * message naming the method, the argument and what was found, rather than a silently wrong value. Values nested
 * inside objects and lists follow the codec's own rules.
 */
final class Params {

    private static final int MAX_FOUND = 60;

    private Params() {
    }

    /**
     * Decodes one argument.
     *
     * @param number the argument's position, from 1, for messages
     * @throws RpcException if the value does not fit the type
     */
    static Object convert(Json json, String method, int number, Type type, Object value) {
        Class<?> raw = raw(type);
        String prefix = "Method '" + method + "' argument " + number;
        if (value == null) {
            if (raw.isPrimitive()) {
                throw new RpcException(prefix + " must be " + name(type) + " but was null");
            }
            return null;
        }
        String problem = kindProblem(raw, value);
        if (problem != null) {
            throw new RpcException(prefix + " must be " + name(type) + problem + " but was " + found(json, value)
                    + (outOfRange(raw, value) ? " (out of range)" : ""));
        }
        Object scalar = scalar(raw, value);
        if (scalar != null) {
            return scalar;
        }
        Object result;
        try {
            result = json.convert(value, type);
        } catch (IllegalArgumentException e) {
            throw new RpcException(prefix + " must be " + name(type) + " but was " + found(json, value)
                    + reason(e), e);
        }
        if (result == null) {
            // The codec maps an unknown enum constant to null.
            throw new RpcException(prefix + " must be " + name(type) + enumHint(raw) + " but was "
                    + found(json, value));
        }
        return result;
    }

    /**
     * A scalar argument already of the right kind, as the parameter's type, without the codec: the codec's convert
     * encodes the value into a JSON tree and decodes it again, which costs more than the rest of a quick call.
     * The kind (and range, for whole numbers) was checked before, so the result is what the codec would give.
     *
     * @return the value, or null when the codec must convert it (objects, lists, enums, big numbers)
     */
    private static Object scalar(Class<?> raw, Object value) {
        Class<?> type = box(raw);
        if (value instanceof String text) {
            if (type == String.class || type == CharSequence.class || type == Object.class) {
                return text;
            }
            return type == Character.class ? text.charAt(0) : null;
        }
        if (value instanceof Boolean) {
            return type == Boolean.class || type == Object.class ? value : null;
        }
        if (value instanceof Number n && !(n instanceof java.math.BigDecimal || n instanceof BigInteger)) {
            if (type == Integer.class) {
                return n.intValue();
            } else if (type == Long.class) {
                return n.longValue();
            } else if (type == Double.class) {
                return n.doubleValue();
            } else if (type == Float.class) {
                return n.floatValue();
            } else if (type == Short.class) {
                return n.shortValue();
            } else if (type == Byte.class) {
                return n.byteValue();
            } else if (type == Object.class && (n instanceof Long || n instanceof Double)) {
                return n;
            }
        }
        return null;
    }

    /**
     * The codec's reason, already in RTS's words: it names the nested value at fault ({@code Expected a number but
     * found a boolean at $[0].x}).
     */
    private static String reason(IllegalArgumentException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "" : " (" + message + ")";
    }

    /** Why the JSON value cannot be this type ("" to say nothing more), or null if its kind fits. */
    private static String kindProblem(Class<?> raw, Object value) {
        Class<?> type = box(raw);
        if (type == Object.class) {
            return null;
        }
        if (type == String.class || type == CharSequence.class) {
            return value instanceof String ? null : "";
        }
        if (type == Character.class) {
            return value instanceof String s && s.length() == 1 ? null : " (a string of one character)";
        }
        if (type == Boolean.class) {
            return value instanceof Boolean ? null : "";
        }
        if (isWhole(type)) {
            return value instanceof Number n && fitsWhole(type, n) ? null : "";
        }
        if (Number.class.isAssignableFrom(type) || type == Number.class) {
            return value instanceof Number ? null : "";
        }
        if (type.isEnum()) {
            return value instanceof String ? null : enumHint(type);
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return value instanceof List ? null : " (a JSON array)";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return value instanceof Map ? null : " (a JSON object)";
        }
        return null;
    }

    private static boolean isWhole(Class<?> type) {
        return type == Byte.class || type == Short.class || type == Integer.class || type == Long.class
                || type == BigInteger.class;
    }

    private static boolean fitsWhole(Class<?> type, Number n) {
        BigDecimal exact = exact(n);
        if (exact == null) {
            return false;
        }
        if (type == BigInteger.class) {
            return true;
        }
        long max = type == Byte.class ? Byte.MAX_VALUE : type == Short.class ? Short.MAX_VALUE
                : type == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
        long min = -max - 1;
        return exact.compareTo(BigDecimal.valueOf(min)) >= 0 && exact.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    /** The number as an exact whole number, or null if it has a fraction or is not finite. */
    private static BigDecimal exact(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) && d == Math.rint(d) ? BigDecimal.valueOf(d) : null;
        }
        return new BigDecimal(n.toString());
    }

    private static boolean outOfRange(Class<?> raw, Object value) {
        Class<?> type = box(raw);
        return isWhole(type) && value instanceof Number n && exact(n) != null && !fitsWhole(type, n);
    }

    private static String enumHint(Class<?> type) {
        if (!type.isEnum()) {
            return "";
        }
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", ", " (one of ", ")"));
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "boolean" -> Boolean.class;
            case "byte" -> Byte.class;
            case "short" -> Short.class;
            case "char" -> Character.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "float" -> Float.class;
            case "double" -> Double.class;
            default -> type;
        };
    }

    /** The class behind a type, for kind checks. */
    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof GenericArrayType g) {
            return raw(g.getGenericComponentType()).arrayType();
        }
        if (type instanceof TypeVariable<?> v) {
            return raw(v.getBounds()[0]);
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    /** A short, readable type name: {@code int}, {@code Point}, {@code List<Point>}, {@code String[]}. */
    static String name(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? name(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            return name(p.getRawType()) + Arrays.stream(p.getActualTypeArguments()).map(Params::name)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof GenericArrayType g) {
            return name(g.getGenericComponentType()) + "[]";
        }
        if (type instanceof WildcardType w) {
            Type[] lower = w.getLowerBounds();
            Type upper = w.getUpperBounds()[0];
            return lower.length > 0 ? "? super " + name(lower[0]) : upper == Object.class ? "?"
                    : "? extends " + name(upper);
        }
        return type.getTypeName();
    }

    /** A value as JSON for messages, cut short. */
    static String found(Json json, Object value) {
        String text;
        try {
            text = json.encode(value);
        } catch (RuntimeException e) {
            text = String.valueOf(value);
        }
        return text.length() <= MAX_FOUND ? text : text.substring(0, MAX_FOUND) + "...";
    }

    /** "no arguments", "1 argument", "2 arguments". */
    static String count(int n) {
        return n == 0 ? "no arguments" : n == 1 ? "1 argument" : n + " arguments";
    }
}
