package dev.rts.transport.undertow.internal;

import dev.rts.core.spi.TransportHost;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xnio.ChannelListener;
import java.nio.ByteBuffer;

/**
 * Reads frames on the I/O thread and hands complete messages to the server. Enforces the frame size limit while
 * reading (nothing past the limit is buffered): an oversized message closes its own socket with 1009 and touches
 * nothing else.
 */
final class FrameListener extends AbstractReceiveListener {

    private final UndertowConnection connection;
    private final TransportHost host;
    private final long maxFrameSize;

    FrameListener(UndertowConnection connection, TransportHost host, long maxFrameSize) {
        this.connection = connection;
        this.host = host;
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected long getMaxTextBufferSize() {
        return maxFrameSize;
    }

    @Override
    protected long getMaxBinaryBufferSize() {
        return maxFrameSize;
    }

    /**
     * Reads a text message ourselves, bounded by the frame size: Undertow's own buffering would close an oversized
     * message with its internal reason ({@code UT002040 ...}) before telling us.
     */
    @Override
    protected void onText(WebSocketChannel channel, StreamSourceFrameChannel message) {
        read(channel, message, false);
    }

    /** Reads a binary message ourselves, for the same reason as {@link #onText}. */
    @Override
    protected void onBinary(WebSocketChannel channel, StreamSourceFrameChannel message) {
        read(channel, message, true);
    }

    private void read(WebSocketChannel channel, StreamSourceFrameChannel message, boolean binary) {
        MessageReader reader = new MessageReader(channel, binary);
        message.getReadSetter().set(reader);
        reader.handleEvent(message);
        if (!reader.done) {
            message.resumeReads();
        }
    }

    /**
     * Scratch space for reading messages, one per I/O thread: a message's reader runs only on its channel's I/O
     * thread, and it copies out whatever is left in the scratch space before it returns.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(4096));

    /**
     * Collects one message, up to the frame size. A message that arrives in one go (the common case) is read into the
     * I/O thread's scratch space and becomes a string (or the server's byte array) with one copy: no buffer of its
     * own, no stream, no decoder for ASCII text. Only a message that spans reads or the scratch space keeps its bytes
     * in an array of its own meanwhile.
     */
    private final class MessageReader implements ChannelListener<StreamSourceFrameChannel> {
        private final WebSocketChannel channel;
        private final boolean binary;
        /** The message's bytes read so far, beyond the scratch space; {@code null} while it fits there. */
        private byte[] data;
        private int size;
        private boolean done;

        MessageReader(WebSocketChannel channel, boolean binary) {
            this.channel = channel;
            this.binary = binary;
        }

        @Override
        public void handleEvent(StreamSourceFrameChannel message) {
            ByteBuffer scratch = SCRATCH.get();
            scratch.clear();
            try {
                while (!done) {
                    int read = message.read(scratch);
                    if (read == 0) {
                        // More is coming in a later event, when another message may use the scratch space.
                        keep(scratch);
                        return;
                    }
                    if (read < 0) {
                        finish(message);
                        deliver(scratch);
                        return;
                    }
                    if (size + scratch.position() > maxFrameSize) {
                        finish(message);
                        connection.peerCloseCode = 1009;
                        connection.close(1009, "Message too big (limit " + maxFrameSize + " bytes)");
                        return;
                    }
                    if (!scratch.hasRemaining()) {
                        keep(scratch);
                    }
                }
            } catch (IOException e) {
                finish(message);
                onError(channel, e);
            } catch (Error e) {
                host.fatalError(e);
                throw e;
            }
        }

        /** Moves what the scratch space holds into this message's own array. */
        private void keep(ByteBuffer scratch) {
            int length = scratch.position();
            if (length == 0) {
                return;
            }
            if (data == null) {
                data = new byte[Math.max(length * 2, 256)];
            } else if (data.length - size < length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + length));
            }
            System.arraycopy(scratch.array(), 0, data, size, length);
            size += length;
            scratch.clear();
        }

        private void finish(StreamSourceFrameChannel message) {
            done = true;
            message.getReadSetter().set(null);
            message.suspendReads();
        }

        private void deliver(ByteBuffer scratch) {
            byte[] bytes;
            int length;
            if (data == null) {
                bytes = scratch.array();
                length = scratch.position();
            } else {
                keep(scratch);
                bytes = data;
                length = size;
            }
            if (binary) {
                // The server keeps what it receives: an array of exactly this message's bytes.
                connection.touch();
                host.receivedBinary(connection, ByteBuffer.wrap(Arrays.copyOf(bytes, length)));
                return;
            }
            String text = decode(bytes, length);
            if (text == null) {
                connection.peerCloseCode = 1007;
                connection.close(1007, "Invalid UTF-8 in a text frame");
                return;
            }
            connection.touch();
            host.received(connection, text);
        }
    }

    /** Strict UTF-8, with a plain copy for ASCII text (most frames); {@code null} if the bytes are not UTF-8. */
    static String decode(byte[] bytes, int length) {
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
        connection.touch();
        try {
            host.received(connection, message.getData());
        } catch (Error e) {
            host.fatalError(e);
            throw e;
        }
    }

    @Override
    protected void onFullPongMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        connection.touch();
        message.getData().free();
    }

    @Override
    protected void onFullPingMessage(WebSocketChannel channel, BufferedBinaryMessage message) throws IOException {
        connection.touch();
        super.onFullPingMessage(channel, message);
    }

    @Override
    protected void onCloseMessage(CloseMessage message, WebSocketChannel channel) {
        connection.peerCloseCode = message.getCode();
        connection.peerCloseReason = message.getReason();
    }

    @Override
    protected void onError(WebSocketChannel channel, Throwable error) {
        // Fragmented messages over the limit, invalid UTF-8 and broken sockets all end here; only this socket closes.
        String text = String.valueOf(error.getMessage());
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (error instanceof Error fatal) {
            host.fatalError(fatal);
        } else if (lower.contains("utf")) {
            connection.peerCloseCode = 1007;
            connection.close(1007, "Invalid UTF-8 in a text frame");
        } else if (lower.contains("big") || lower.contains("large") || lower.contains("exceeded")) {
            connection.peerCloseCode = 1009;
            connection.close(1009, "Message too big (limit " + maxFrameSize + " bytes)");
        } else if (error instanceof io.undertow.websockets.core.WebSocketException) {
            // Undertow's own reasons (UT0020..) name its internals; the peer gets RTS's words.
            UndertowServer.LOG.debug("Socket {} broke the WebSocket protocol: {}", connection.id(), text);
            connection.peerCloseCode = 1002;
            connection.close(1002, "WebSocket protocol error");
        } else {
            UndertowServer.LOG.debug("Socket {} failed: {}", connection.id(), text);
            super.onError(channel, error);
        }
    }
}
