package dev.rts.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One decoded binary frame: the ASCII header {@code <serviceId>|[<callbackId>|]} followed by raw bytes.
 *
 * @param serviceId  the service the frame is for
 * @param callbackId the callback id, or {@link FrameCodec#NO_CALLBACK} when the field is absent or empty
 * @param payload    a read-only view of the bytes after the header, sharing the frame's memory (not a copy); its
 *                   position is 0 and its limit the payload size
 */
public record BinaryFrame(int serviceId, long callbackId, ByteBuffer payload) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if an id is out of range
     * @throws NullPointerException     if the payload is {@code null}
     */
    public BinaryFrame {
        Objects.requireNonNull(payload, "payload");
        new Frame(serviceId, callbackId, "");
    }

    /**
     * Whether the frame carries a callback id.
     *
     * @return {@code true} if {@link #callbackId()} is a real id
     */
    public boolean hasCallback() {
        return callbackId != FrameCodec.NO_CALLBACK;
    }
}
