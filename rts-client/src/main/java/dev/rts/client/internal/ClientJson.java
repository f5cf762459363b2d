package dev.rts.client.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import java.lang.reflect.Type;

/**
 * The client's JSON codec: the same Gson settings as the server's.
 */
final class ClientJson {

    static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    private ClientJson() {
    }

    static <T> T decode(String json, Type type) {
        try {
            return GSON.fromJson(json, type);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("Expected JSON for " + type.getTypeName() + " but got '" + json + "'",
                    e);
        }
    }
}
