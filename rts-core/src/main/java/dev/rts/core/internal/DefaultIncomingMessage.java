package dev.rts.core.internal;

import dev.rts.api.Request;
import dev.rts.core.IncomingMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message as middleware sees it: text, or a read-only view of a binary frame's payload ({@code binary} non-null).
 */
record DefaultIncomingMessage(MountedService mounted, long callbackId, String text, ByteBuffer binary,
                              DefaultRequest origin) implements IncomingMessage {

    @Override
    public String service() {
        return mounted.name;
    }

    @Override
    public int serviceId() {
        return mounted.id;
    }

    @Override
    public String payload() {
        if (binary != null) {
            throw new IllegalStateException("The message for service '" + mounted.name + "' is binary; read it with "
                    + "bytes()");
        }
        return text;
    }

    @Override
    public boolean isBinary() {
        return binary != null;
    }

    @Override
    public ByteBuffer bytes() {
        return binary != null ? binary.duplicate() : ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))
                .asReadOnlyBuffer();
    }

    @Override
    public Request request() {
        return origin;
    }

    /**
     * This message with the payload of another implementation's message, text or binary. A {@code null} payload
     * becomes empty.
     */
    DefaultIncomingMessage withPayloadOf(IncomingMessage other) {
        if (other.isBinary()) {
            ByteBuffer bytes = other.bytes();
            return new DefaultIncomingMessage(mounted, callbackId, null,
                    bytes == null ? ByteBuffer.allocate(0).asReadOnlyBuffer() : bytes.asReadOnlyBuffer(), origin);
        }
        String newPayload = other.payload();
        return new DefaultIncomingMessage(mounted, callbackId, newPayload == null ? "" : newPayload, null, origin);
    }

    @Override
    public IncomingMessage withPayload(String newPayload) {
        return new DefaultIncomingMessage(mounted, callbackId, Objects.requireNonNull(newPayload, "payload"), null,
                origin);
    }

    /** The message a handler gets. */
    DefaultMessage message(dev.rts.api.Json json) {
        return new DefaultMessage(mounted.name, text, binary, json);
    }
}
