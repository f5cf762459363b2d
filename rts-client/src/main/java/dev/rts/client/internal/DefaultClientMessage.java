package dev.rts.client.internal;

import dev.rts.client.ClientMessage;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A received message: text, or a read-only view of a binary frame's payload ({@code binary} non-null).
 */
record DefaultClientMessage(String service, String payload, ByteBuffer binary) implements ClientMessage {

    @Override
    public String text() {
        if (binary != null) {
            throw new IllegalStateException("The message from service '" + service + "' is binary; read it with "
                    + "buffer() or bytes()");
        }
        return payload;
    }

    @Override
    public boolean isBinary() {
        return binary != null;
    }

    @Override
    public ByteBuffer buffer() {
        return binary != null ? binary.duplicate()
                : ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    @Override
    public <T> T decode(Class<T> type) {
        return DefaultRtsClient.JSON.decode(text(), type);
    }

    @Override
    public <T> T decode(Type type) {
        return DefaultRtsClient.JSON.decode(text(), type);
    }

    @Override
    public String toString() {
        return service + ": " + (binary != null ? binary.remaining() + " bytes" : payload);
    }
}
