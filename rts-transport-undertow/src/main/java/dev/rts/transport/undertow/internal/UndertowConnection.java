package dev.rts.transport.undertow.internal;

import dev.rts.core.spi.Connection;
import dev.rts.api.LogLimiter;
import dev.rts.core.spi.TransportSettings;
import dev.rts.core.spi.OutboundFrame;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * One WebSocket. Sends never block: Undertow queues the frame (text or binary, as the frame says), and this class
 * counts the bytes not yet written, each frame with what Undertow holds for it. A
 * reader whose queue stays over {@code maxQueuedBytes} for longer than the slow-consumer grace, or whose queue reaches
 * the hard cap, is disconnected instead of holding memory; a healthy reader that drains a burst in time is kept.
 */
final class UndertowConnection implements Connection {

    /** How long a peer gets to answer our close frame before the socket is closed anyway. */
    private static final long CLOSE_GRACE_MILLIS = 2_000;

    /**
     * What a frame waiting to be written holds besides its bytes (Undertow's sink channel, buffer wrapper and write
     * listener, and the frame object itself): about 0.6 KiB, measured on Undertow 2.3 with 300,000 queued frames of 3
     * bytes (200 MB of heap). Counted with the bytes, so that a reader sent many tiny frames meets the queue limits
     * as soon as one sent a few big ones; otherwise 4 MiB of 3-byte frames would hold over 800 MB.
     */
    static final int QUEUED_FRAME_OVERHEAD = 600;

    private final WebSocketChannel channel;
    private final String id;
    private final String clientIp;
    private final long maxQueuedBytes;
    private final long hardCap;
    private final long graceNanos;
    private final LogLimiter slowLog;
    private volatile long queuedBytes;
    /** When the queue last went over {@code maxQueuedBytes} (never 0 then), or 0 while it is under. */
    private volatile long overSince;
    private long lastPingNanos = System.nanoTime();
    private volatile boolean closing;
    // Field updates instead of atomic objects: three fewer objects per socket, idle or not.
    private static final VarHandle QUEUED_BYTES;
    private static final VarHandle OVER_SINCE;
    private static final VarHandle CLOSING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            QUEUED_BYTES = lookup.findVarHandle(UndertowConnection.class, "queuedBytes", long.class);
            OVER_SINCE = lookup.findVarHandle(UndertowConnection.class, "overSince", long.class);
            CLOSING = lookup.findVarHandle(UndertowConnection.class, "closing", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private final WebSocketCallback<Void> written = new WebSocketCallback<>() {
        @Override
        public void complete(WebSocketChannel ch, Void context) {
        }

        @Override
        public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
            IoUtils.safeClose(ch);
        }
    };
    /** Completes every frame's write, the frame itself passed as the context: no callback object per send. */
    private final WebSocketCallback<OutboundFrame> frameWritten = new WebSocketCallback<>() {
        @Override
        public void complete(WebSocketChannel ch, OutboundFrame frame) {
            written(queuedSize(frame));
        }

        @Override
        public void onError(WebSocketChannel ch, OutboundFrame frame, Throwable throwable) {
            written(queuedSize(frame));
            IoUtils.safeClose(ch);
        }
    };
    /** Whether the server asked to stop reading: backpressure on a sender faster than its messages are handled. */
    private volatile boolean readsPaused;
    volatile long lastActivityNanos = System.nanoTime();
    volatile int peerCloseCode = 1006;
    volatile String peerCloseReason = "";
    volatile XnioExecutor.Key pinger;

    UndertowConnection(WebSocketChannel channel, String id, String clientIp, TransportSettings settings,
                       LogLimiter slowLog) {
        this.channel = channel;
        this.id = id;
        this.clientIp = clientIp;
        this.maxQueuedBytes = settings.maxQueuedBytes();
        this.hardCap = Math.max(settings.maxQueuedBytes(), settings.limits().maxQueuedBytesHardCap());
        this.graceNanos = settings.limits().slowConsumerGrace().toNanos();
        this.slowLog = slowLog;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String clientIp() {
        return clientIp;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen() && !closing;
    }

    @Override
    public boolean send(OutboundFrame frame) {
        if (!isOpen()) {
            return false;
        }
        long size = queuedSize(frame);
        long queued = addQueued(size);
        if (queued > hardCap) {
            addQueued(-size);
            dropSlowConsumer("more than " + hardCap + " bytes queued");
            return false;
        }
        if (queued > maxQueuedBytes) {
            long now = System.nanoTime() | 1;
            long since = overSince;
            if (since == 0) {
                OVER_SINCE.compareAndSet(this, 0L, now);
            } else if (now - since > graceNanos) {
                addQueued(-size);
                dropSlowConsumer("over " + maxQueuedBytes + " bytes queued for longer than "
                        + graceNanos / 1_000_000 + " ms");
                return false;
            }
        }
        if (frame.isBinary()) {
            WebSockets.sendBinary(frame.bytes(), channel, frameWritten, frame);
        } else {
            WebSockets.sendText(frame.bytes(), channel, frameWritten, frame);
        }
        return true;
    }

    /** What a frame counts against the queue limits while it waits: its bytes and what holding it costs. */
    private static long queuedSize(OutboundFrame frame) {
        return (long) frame.size() + QUEUED_FRAME_OVERHEAD;
    }

    private long addQueued(long delta) {
        return (long) QUEUED_BYTES.getAndAdd(this, delta) + delta;
    }

    private void written(long size) {
        if (addQueued(-size) <= maxQueuedBytes) {
            overSince = 0;
        }
    }

    /** Drops the socket outright: a close frame would queue behind what the peer is not reading. */
    private void dropSlowConsumer(String why) {
        if (CLOSING.compareAndSet(this, false, true)) {
            slowLog.warn("Socket {} from {} dropped as a slow consumer: {}", id, clientIp, why);
            peerCloseCode = 1008;
            peerCloseReason = "Slow consumer";
            IoUtils.safeClose(channel);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!CLOSING.compareAndSet(this, false, true) || !channel.isOpen()) {
            return;
        }
        WebSockets.sendClose(code, reason, channel, written);
        channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), CLOSE_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Runs on the I/O thread about once a second: drops a reader stuck over its queue limit past the grace, closes a
     * socket silent for longer than the idle timeout, and pings the peer once per ping interval.
     */
    void tick(long idleTimeoutNanos, long pingIntervalNanos) {
        long now = System.nanoTime();
        long since = overSince;
        if (since != 0 && now - since > graceNanos) {
            dropSlowConsumer("over " + maxQueuedBytes + " bytes queued for longer than " + graceNanos / 1_000_000
                    + " ms");
        } else if (now - lastActivityNanos > idleTimeoutNanos && !readsPaused) {
            // A paused socket is silent because the server stopped reading it, not because the peer is gone.
            close(1001, "Idle timeout");
        } else if (isOpen() && now - lastPingNanos >= pingIntervalNanos) {
            lastPingNanos = now;
            WebSockets.sendPing(java.nio.ByteBuffer.allocate(0), channel, written);
        }
    }

    /**
     * Stops or restarts reading this socket, on its I/O thread. Each call applies the latest wish rather than its
     * own, so that calls from two threads arriving in the other order still end in the right state.
     */
    @Override
    public void pauseReading(boolean paused) {
        readsPaused = paused;
        if (Thread.currentThread() == channel.getIoThread()) {
            // Called while a frame is delivered: pause before Undertow hands over the next frame it already read.
            applyReadPause();
        } else {
            channel.getIoThread().execute(this::applyReadPause);
        }
    }

    private void applyReadPause() {
        if (!channel.isOpen()) {
            return;
        }
        if (readsPaused) {
            channel.suspendReceives();
        } else {
            channel.resumeReceives();
        }
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    @Override
    public String toString() {
        return "Socket[" + id + " from " + clientIp + "]";
    }
}
