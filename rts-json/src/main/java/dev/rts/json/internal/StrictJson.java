package dev.rts.json.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import dev.rts.api.Json;
import java.lang.reflect.Type;

/**
 * The one JSON codec of RTS, shared by the server, the JVM client and the testkit so that all three read and write
 * exactly the same JSON: strict RFC 8259 (no unquoted names, single quotes, comments, trailing commas, {@code NaN} or
 * {@code Infinity}), no HTML escaping, numbers in untyped values as {@code Long} when whole and {@code Double}
 * otherwise, {@code null} fields left out when encoding.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message is in RTS's own words (see
 * {@link JsonErrors}): it says what was expected and what was found, and never names a parser class or suggests a
 * parser setting. Thread-safe; use {@link #instance()}.
 */
public final class StrictJson implements Json {

    private static final StrictJson INSTANCE = new StrictJson();

    private final Gson gson = new GsonBuilder()
            .setStrictness(Strictness.STRICT)
            .disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

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
        try {
            return gson.toJson(value);
        } catch (IllegalArgumentException | JsonParseException e) {
            throw new IllegalArgumentException(JsonErrors.ofEncoding(value, e), e);
        }
    }

    @Override
    public <T> T decode(String json, Type type) {
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
