package dev.rts.core.spi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A frame ready to send, text or binary, encoded once however many connections it goes to: every connection gets a
 * view of the same bytes. Immutable.
 */
public final class OutboundFrame {

    private final String text;
    /**
     * The bytes; for a text frame encoded on first use, once (a racing second encoding gives equal bytes), so that a
     * transport that delivers text as such never encodes it.
     */
    private volatile ByteBuffer data;

    /**
     * A text frame; its UTF-8 bytes are encoded when a transport first asks for them.
     *
     * @param text the frame text, not {@code null}
     */
    public OutboundFrame(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    private OutboundFrame(ByteBuffer data) {
        this.text = null;
        this.data = data;
    }

    /**
     * A binary frame over the given bytes, taken as they are, not copied: the caller must not modify them afterwards.
     *
     * @param frame the whole frame (header and payload), from its position to its limit
     * @return the frame
     */
    public static OutboundFrame binary(ByteBuffer frame) {
        return new OutboundFrame(frame.slice().asReadOnlyBuffer());
    }

    /**
     * Whether this is a binary frame; transports send it as a WebSocket binary message.
     *
     * @return {@code true} for a binary frame, {@code false} for a text frame
     */
    public boolean isBinary() {
        return text == null;
    }

    /**
     * The frame text.
     *
     * @return the text
     * @throws IllegalStateException if the frame is binary
     */
    public String text() {
        if (text == null) {
            throw new IllegalStateException("A binary frame has no text; read it with bytes()");
        }
        return text;
    }

    /**
     * The frame's bytes (UTF-8 for a text frame) as a new read-only buffer over the shared memory; each caller gets its
     * own position.
     *
     * @return a read-only buffer
     */
    public ByteBuffer bytes() {
        return data().duplicate();
    }

    private ByteBuffer data() {
        ByteBuffer bytes = data;
        if (bytes == null) {
            bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
            data = bytes;
        }
        return bytes;
    }

    /**
     * The size of the frame in bytes.
     *
     * @return the size
     */
    public int size() {
        return data().remaining();
    }

    @Override
    public String toString() {
        return text != null ? text : "binary frame of " + size() + " bytes";
    }
}
