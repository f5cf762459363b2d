package dev.rts.core.internal;

import dev.rts.api.Json;
import dev.rts.api.Message;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;

/**
 * An inbound payload, decoded on demand: text, or a read-only view of a binary frame's payload ({@code binary}
 * non-null).
 */
record DefaultMessage(String service, String payload, ByteBuffer binary, Json json) implements Message {

    @Override
    public String text() {
        if (binary != null) {
            throw new IllegalStateException("The message for service '" + service + "' is binary; read it with "
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
        return binary != null ? binary.duplicate() : Message.super.buffer();
    }

    @Override
    public <T> T decode(Class<T> type) {
        return json.decode(text(), type);
    }

    @Override
    public <T> T decode(Type type) {
        return json.decode(text(), type);
    }

    @Override
    public String toString() {
        return binary != null ? "binary message of " + binary.remaining() + " bytes" : payload;
    }
}
