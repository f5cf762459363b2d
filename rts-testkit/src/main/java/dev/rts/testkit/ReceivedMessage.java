package dev.rts.testkit;

import dev.rts.json.internal.StrictJson;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A message a test client received from a service. Immutable.
 *
 * @param service the name of the service that sent it
 * @param text    the payload as it came off the wire
 */
public record ReceivedMessage(String service, String text) {

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
     * @throws AssertionError if the payload is not JSON of that type (the server's own strict codec decides),
     *                        quoting it
     */
    public <T> T decode(Type type) {
        try {
            return StrictJson.instance().decode(text, type);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("Message from '" + service + "' is not JSON for " + type.getTypeName() + ": "
                    + e.getMessage() + ": " + text, e);
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
