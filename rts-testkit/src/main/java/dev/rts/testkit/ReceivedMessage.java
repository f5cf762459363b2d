package dev.rts.testkit;

import dev.rts.json.internal.StrictJson;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message a test client received from a service: text, or binary when {@link #binary()} is not {@code null}.
 * Immutable.
 *
 * @param service the name of the service that sent it
 * @param text    the payload as it came off the wire; {@code null} for a binary message
 * @param binary  a read-only view of a binary message's payload; {@code null} for a text message
 */
public record ReceivedMessage(String service, String text, ByteBuffer binary) {

    /**
     * Checks the parts: exactly one of text and binary.
     *
     * @throws NullPointerException     if the service, or both text and binary, are {@code null}
     * @throws IllegalArgumentException if both text and binary are given
     */
    public ReceivedMessage {
        Objects.requireNonNull(service, "service");
        if ((text == null) == (binary == null)) {
            throw new IllegalArgumentException("A received message has either text or binary, not "
                    + (text == null ? "neither" : "both"));
        }
        binary = binary == null ? null : binary.asReadOnlyBuffer();
    }

    /**
     * A text message.
     *
     * @param service the name of the service that sent it
     * @param text    the payload
     */
    public ReceivedMessage(String service, String text) {
        this(service, Objects.requireNonNull(text, "text"), null);
    }

    /**
     * The payload text.
     *
     * @return the text
     * @throws AssertionError if the message is binary
     */
    @Override
    public String text() {
        if (text == null) {
            throw new AssertionError("Message from '" + service + "' is binary (" + binary.remaining()
                    + " bytes); read it with bytes()");
        }
        return text;
    }

    /**
     * Whether the message came in a binary frame.
     *
     * @return {@code true} for a binary message
     */
    public boolean isBinary() {
        return binary != null;
    }

    /**
     * The payload bytes as a new array: a binary message's raw bytes, or the UTF-8 of a text message.
     *
     * @return a copy the caller owns
     */
    public byte[] bytes() {
        if (binary == null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] copy = new byte[binary.remaining()];
        binary.duplicate().get(copy);
        return copy;
    }

    /**
     * Decodes the payload as JSON.
     *
     * @param type the target type
     * @param <T>  the result type
     * @return the value
     * @throws AssertionError if the payload is binary or not JSON of that type (the server's own strict codec
     *                        decides), quoting it
     */
    public <T> T decode(Type type) {
        try {
            return StrictJson.instance().decode(text(), type);
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
        return service + ": " + (binary == null ? text : binary.remaining() + " bytes");
    }
}
