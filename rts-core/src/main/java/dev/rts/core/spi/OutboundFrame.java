package dev.rts.core.spi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A text frame ready to send, encoded to UTF-8 once however many connections it goes to. Immutable.
 */
public final class OutboundFrame {

    private final String text;
    private final byte[] utf8;

    /**
     * Encodes a frame.
     *
     * @param text the frame text, not {@code null}
     */
    public OutboundFrame(String text) {
        this.text = Objects.requireNonNull(text, "text");
        this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The frame text.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * The frame's UTF-8 bytes as a new read-only buffer over the shared array; each caller gets its own position.
     *
     * @return a read-only buffer
     */
    public ByteBuffer bytes() {
        return ByteBuffer.wrap(utf8).asReadOnlyBuffer();
    }

    /**
     * The size of the frame in UTF-8 bytes.
     *
     * @return the size
     */
    public int size() {
        return utf8.length;
    }

    @Override
    public String toString() {
        return text;
    }
}
