package dev.rts.json.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import dev.rts.api.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one JSON codec of RTS, shared by the server, the JVM client and the testkit so that all three read and write
 * exactly the same JSON: strict RFC 8259 (no unquoted names, single quotes, comments, trailing commas, {@code NaN} or
 * {@code Infinity}), no HTML escaping, numbers in untyped values as {@code Long} when whole and {@code Double}
 * otherwise, {@code null} fields left out when encoding.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message is in RTS's own words (see
 * {@link JsonErrors}): it says what was expected and what was found, and never names a parser class or suggests a
 * parser setting. Thread-safe; use {@link #instance()}.
 *
 * <p>Plain values, the bulk of every message, take a short path: {@link PlainReader} reads text into maps, lists and
 * scalars in one pass, and {@link PlainWriter} writes them, both without Gson's reader and writer objects (each
 * Gson reader allocates a 1 KiB char buffer). They only take what they are sure about and leave the rest to Gson, so
 * the results and the error messages are exactly Gson's under the settings above.
 */
public final class StrictJson implements Json {

    private static final StrictJson INSTANCE = new StrictJson();

    private final Gson gson = new GsonBuilder()
            .setStrictness(Strictness.STRICT)
            .disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    /** Encodes the values inside a plain value that are not plain themselves (records, beans, enums). */
    private final Function<Object, String> nested = this::gsonEncode;

    private StrictJson() {
    }

    /**
     * The shared codec. It holds no state besides its immutable settings.
     *
     * @return the codec, never {@code null}
     */
    public static StrictJson instance() {
        return INSTANCE;
    }

    @Override
    public String encode(Object value) {
        if (value instanceof String || value instanceof Map || value instanceof Collection) {
            StringBuilder out = new StringBuilder(64);
            encodeTo(out, value);
            return out.toString();
        }
        return gsonEncode(value);
    }

    /**
     * Appends a value's JSON, exactly the text {@link #encode(Object)} returns, to {@code out}: the core writes an
     * answer straight behind its frame header this way.
     *
     * @param out   where the text goes; on failure it is left as it was
     * @param value the value
     * @throws IllegalArgumentException if the value cannot be encoded, in RTS's words
     */
    public void encodeTo(StringBuilder out, Object value) {
        int mark = out.length();
        try {
            PlainWriter.write(out, value, nested);
        } catch (PlainWriter.GaveUp | IllegalArgumentException e) {
            // The whole value again, so that a failure names the value the caller passed, not a part of it.
            out.setLength(mark);
            out.append(gsonEncode(value));
        }
    }

    private String gsonEncode(Object value) {
        try {
            return gson.toJson(value);
        } catch (IllegalArgumentException | JsonParseException e) {
            throw new IllegalArgumentException(JsonErrors.ofEncoding(value, e), e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T decode(String json, Type type) {
        Class<?> plain = plainTarget(type);
        if (plain != null && json != null) {
            Object value = PlainReader.read(json);
            if (value != PlainReader.DECLINED && (plain == Object.class || plain.isInstance(value))) {
                return (T) value;
            }
        }
        if (json == null) {
            throw new IllegalArgumentException("Expected " + JsonErrors.kindOf(type) + " but found no text");
        }
        String notJson = JsonErrors.ofStart(json, type);
        if (notJson != null) {
            throw new IllegalArgumentException(notJson);
        }
        try {
            return gson.fromJson(json, type);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException(JsonErrors.ofDecoding(e, type), e);
        }
    }

    /**
     * The class a decoded plain value must be for {@link PlainReader}'s result to be the answer for {@code type}, or
     * {@code null} if the type needs Gson (records, beans, typed collections, numbers of a given width).
     */
    private static Class<?> plainTarget(Type type) {
        if (type == Object.class || type == Map.class || type == List.class || type == String.class
                || type == Boolean.class) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            if (p.getRawType() == Map.class && args[0] == String.class && args[1] == Object.class) {
                return Map.class;
            }
            if (p.getRawType() == List.class && args[0] == Object.class) {
                return List.class;
            }
        }
        return null;
    }

    @Override
    public <T> T convert(Object value, Type type) {
        try {
            return gson.fromJson(gson.toJsonTree(value), type);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException(JsonErrors.ofDecoding(e, type), e);
        }
    }

    /**
     * Decodes JSON text into plain values: {@code Map<String, Object>} (keeping the order of names), {@code List},
     * {@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code null}.
     *
     * @param json the text
     * @return the value
     * @throws IllegalArgumentException if the text is not JSON
     */
    public Object parse(String json) {
        return decode(json, Object.class);
    }
}
