package dev.rts.testkit;

import java.util.Objects;

/**
 * A frame the server sent to a {@link TestClient}, as it came off the wire, with its payload as a message. Every
 * frame counts: answers to calls, pushes, broadcasts, error frames ({@code _system}) and the handshake. Immutable.
 *
 * @param to      the client that received it
 * @param service the name of the service it came from, {@code "_system"} for service 0, or {@code "#<id>"} for an
 *                id the server never listed
 * @param frame   the frame as it was sent (header and payload); a binary frame as its header followed by
 *                {@code <n bytes>}
 * @param message the payload, text or binary, for assertions such as {@code assertThat(f.message()).json()}
 */
public record SentFrame(TestClient to, String service, String frame, ReceivedMessage message) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if a part is {@code null}
     */
    public SentFrame {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Whether this frame went to a client.
     *
     * @param client a client
     * @return {@code true} if it went to that client
     */
    public boolean isTo(TestClient client) {
        return to == client;
    }

    @Override
    public String toString() {
        return to + " <- " + frame;
    }
}
