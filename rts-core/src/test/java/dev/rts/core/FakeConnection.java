package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rts.core.spi.Connection;
import dev.rts.core.spi.OutboundFrame;
import dev.rts.core.spi.TransportHost;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One in-memory socket. The server side ({@link Connection}) records what the server sends; the client side
 * ({@link #receive(String)}, {@link #closeByClient()}) reports frames and closes to the server as a transport would.
 */
public final class FakeConnection implements Connection {

    private static final long WAIT_SECONDS = 5;
    private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\":\"([^\"]+)\"");

    private final String id;
    private final String clientIp;
    private final TransportHost host;
    private final LinkedBlockingQueue<OutboundFrame> sent = new LinkedBlockingQueue<>();
    private final AtomicLong callbackIds = new AtomicLong(1_000_000);
    private volatile boolean open = true;
    private volatile boolean refusing;
    private volatile int closeCode = -1;
    private volatile String closeReason;

    FakeConnection(String id, String clientIp, TransportHost host) {
        this.id = id;
        this.clientIp = clientIp;
        this.host = host;
    }

    // ---- the server's side ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public String clientIp() {
        return clientIp;
    }

    @Override
    public boolean send(OutboundFrame frame) {
        if (!open || refusing) {
            return false;
        }
        sent.add(frame);
        return true;
    }

    @Override
    public void close(int code, String reason) {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            closeCode = code;
            closeReason = reason;
        }
        host.closed(this, code, reason);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    // ---- the client's side ----

    /** A text frame arrives from the client. */
    public void receive(String frame) {
        host.received(this, frame);
    }

    /** A binary frame arrives from the client: the header in ASCII, then the payload. */
    public void receiveBinary(String header, byte[] payload) {
        host.receivedBinary(this, ByteBuffer.wrap(binaryFrame(header, payload)));
    }

    /** A binary frame: the header in ASCII, then the payload. */
    public static byte[] binaryFrame(String header, byte[] payload) {
        byte[] ascii = header.getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Arrays.copyOf(ascii, ascii.length + payload.length);
        System.arraycopy(payload, 0, frame, ascii.length, payload.length);
        return frame;
    }

    /** The client closes the socket normally. */
    public void closeByClient() {
        close(1000, "");
    }

    /** From now on {@link #send(OutboundFrame)} fails, as for a socket the transport just closed for being slow. */
    public void refuseFrames() {
        refusing = true;
    }

    /** The close code, or -1 while open. */
    public int closeCode() {
        return closeCode;
    }

    /** The close reason, or {@code null} while open. */
    public String closeReason() {
        return closeReason;
    }

    /** The next frame the server sent, waiting a bounded time for it. */
    public OutboundFrame nextFrame() {
        try {
            OutboundFrame frame = sent.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (frame == null) {
                fail("Socket %s got no frame within %d s", id, WAIT_SECONDS);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a frame", e);
        }
    }

    /** The whole next frame the server sent, header included, which must be binary. */
    public byte[] nextBinary() {
        OutboundFrame frame = nextFrame();
        assertThat(frame.isBinary()).as("next frame to %s is binary: %s", id, frame).isTrue();
        ByteBuffer bytes = frame.bytes();
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }

    /** The text of the next frame the server sent. */
    public String nextSent() {
        return nextFrame().text();
    }

    /** Frames already sent and not read yet, without waiting. */
    public List<String> unread() {
        List<OutboundFrame> frames = new ArrayList<>();
        sent.drainTo(frames);
        return frames.stream().map(OutboundFrame::toString).toList();
    }

    /**
     * Sends a {@code discover} system command and returns every frame sent before its answer. The server handles a
     * socket's frames one at a time in order, so whatever earlier frames caused has been sent by then.
     */
    public List<String> sentUntilSync() {
        long callbackId = callbackIds.incrementAndGet();
        receive("0|" + callbackId + "|{\"c\":\"discover\"}");
        String marker = "0|" + callbackId + "|";
        List<String> before = new ArrayList<>();
        for (String text = nextSent(); !text.startsWith(marker); text = nextSent()) {
            before.add(text);
        }
        return before;
    }

    /** Asserts that the server sent nothing more in answer to the frames received so far. */
    public void assertNoMoreSent() {
        assertThat(sentUntilSync()).as("frames sent to %s", id).isEmpty();
    }

    /** Completes the connect handshake with a new session. */
    public String connect() {
        return connectPresenting("false");
    }

    /** Completes the connect handshake presenting a session id. */
    public String connect(String sessionId) {
        return connectPresenting("\"" + sessionId + "\"");
    }

    /**
     * Completes the connect handshake.
     *
     * @param sessionIdJson the JSON value sent as {@code sessionId}
     * @return the session id the server answered with
     */
    public String connectPresenting(String sessionIdJson) {
        long callbackId = callbackIds.incrementAndGet();
        receive("0|" + callbackId + "|{\"c\":\"connect\",\"v\":\"0.1.0\",\"sessionId\":" + sessionIdJson + "}");
        String reply = nextSent();
        assertThat(reply).startsWith("0|" + callbackId + "|{\"version\":\"0.1.0\",\"sessionId\":\"");
        Matcher m = SESSION_ID.matcher(reply);
        assertThat(m.find()).as("session id in %s", reply).isTrue();
        return m.group(1);
    }

    @Override
    public String toString() {
        return "FakeConnection[" + id + "]";
    }
}
