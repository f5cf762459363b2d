package dev.rts.testkit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A message a test client received from a service. Immutable.
 *
 * @param service the name of the service that sent it
 * @param text    the payload as it came off the wire
 */
public record ReceivedMessage(String service, String text) {

    private static final Gson GSON = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    /**
     * Checks the parts.
     */
    public ReceivedMessage {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Decodes the payload as JSON.
     *
     * @param type the target type
     * @param <T>  the result type
     * @return the value
     * @throws AssertionError if the payload is not JSON of that type, quoting it
     */
    public <T> T decode(Type type) {
        try {
            return GSON.fromJson(text, type);
        } catch (JsonParseException e) {
            throw new AssertionError("Message from '" + service + "' is not JSON for " + type.getTypeName() + ": "
                    + text, e);
        }
    }

    /**
     * Decodes the payload as JSON into maps, lists, strings, numbers ({@code Long} or {@code Double}) and booleans.
     *
     * @return the value
     */
    public Object json() {
        return decode(Object.class);
    }

    @Override
    public String toString() {
        return service + ": " + text;
    }
}
