package dev.rts.core.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import dev.rts.api.Json;
import java.lang.reflect.Type;

/**
 * The {@link Json} codec, backed by one shared, thread-safe {@link Gson}.
 */
public final class GsonJson implements Json {

    private final Gson gson = new GsonBuilder()
            .disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    @Override
    public String encode(Object value) {
        return gson.toJson(value);
    }

    @Override
    public <T> T decode(String json, Type type) {
        if (json.isEmpty()) {
            throw new IllegalArgumentException("Expected JSON for " + typeName(type) + " but the payload is empty");
        }
        try {
            return gson.fromJson(json, type);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("Expected JSON for " + typeName(type) + " but the payload does not "
                    + "match: " + reason(e), e);
        }
    }

    @Override
    public <T> T convert(Object value, Type type) {
        try {
            return gson.fromJson(gson.toJsonTree(value), type);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("Cannot convert " + encode(value) + " to " + typeName(type) + ": "
                    + reason(e), e);
        }
    }

    private static String typeName(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }

    private static String reason(Exception e) {
        // Gson wraps the parser's exception and prefixes its class name; the innermost message is the readable one.
        Throwable root = e;
        while (root.getCause() != null && root.getCause().getMessage() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // Gson appends a troubleshooting URL that means nothing to a remote client.
        int see = message.indexOf("\nSee ");
        String plain = see > 0 ? message.substring(0, see) : message;
        return plain.isEmpty() ? plain : Character.toLowerCase(plain.charAt(0)) + plain.substring(1);
    }
}
