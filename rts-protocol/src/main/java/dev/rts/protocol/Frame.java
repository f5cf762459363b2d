package dev.rts.protocol;

import java.util.Objects;

/**
 * One decoded text frame: {@code <serviceId>|[<callbackId>|]<payload>}.
 *
 * @param serviceId  the service the frame is for, {@code 0} for the system service
 * @param callbackId the callback id, or {@link FrameCodec#NO_CALLBACK} when the field is absent or empty
 * @param payload    the rest of the frame, possibly empty, possibly containing {@code |}
 */
public record Frame(int serviceId, long callbackId, String payload) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if an id is out of range
     * @throws NullPointerException     if the payload is {@code null}
     */
    public Frame {
        Objects.requireNonNull(payload, "payload");
        if (serviceId < 0) {
            throw new IllegalArgumentException("Service id must be 0 or more but was " + serviceId);
        }
        if (callbackId < 0 || callbackId > FrameCodec.MAX_CALLBACK_ID) {
            throw new IllegalArgumentException("Callback id must be between 0 and " + FrameCodec.MAX_CALLBACK_ID
                    + " but was " + callbackId);
        }
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
