package dev.rts.client.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.rts.client.RtsErrorException;
import dev.rts.client.ServiceHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Typed calls of the rpc service, without depending on it: only its wire format, {@code {"m":...,"p":[...]}} in and
 * {@code {"p":[...]}} or {@code {"e":{"message":...}}} out.
 */
public final class RpcAnswers {

    private RpcAnswers() {
    }

    /** Calls {@code method} and decodes the first answered value. */
    public static <T> CompletableFuture<T> call(ServiceHandle rpc, String method, Class<T> type, Object... params) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(type, "resultType");
        List<Object> args = params == null ? Collections.singletonList(null) : Arrays.asList(params);
        return DefaultServiceHandle.decoded(rpc.call(Map.of("m", method, "p", args)),
                answer -> first(method, answer.text(), type));
    }

    static <T> T first(String method, String text, Class<T> type) {
        JsonObject answer;
        try {
            answer = ClientJson.GSON.fromJson(text, JsonObject.class);
        } catch (JsonParseException e) {
            answer = null;
        }
        if (answer != null && answer.get("e") instanceof JsonObject error) {
            JsonElement message = error.get("message");
            throw new RtsErrorException(message != null && message.isJsonPrimitive() ? message.getAsString()
                    : "Rpc '" + method + "' failed without a message: " + text);
        }
        if (answer == null || !(answer.get("p") instanceof JsonArray values)) {
            throw new IllegalArgumentException("Expected an rpc answer {\"p\":[...]} or {\"e\":{\"message\":...}} "
                    + "for '" + method + "' but got " + text);
        }
        if (values.isEmpty() || values.get(0).isJsonNull()) {
            return null;
        }
        try {
            return ClientJson.GSON.fromJson(values.get(0), type);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("Rpc '" + method + "' answered " + values.get(0) + ", which is not "
                    + type.getSimpleName(), e);
        }
    }
}
