package dev.rts.transport.undertow.internal;

import dev.rts.core.spi.Connection;
import dev.rts.core.spi.OutboundFrame;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * One WebSocket. Sends never block: Undertow queues the frame (text or binary, as the frame says), and this class counts the bytes not yet written so
 * that a reader that falls too far behind is disconnected instead of holding memory.
 */
final class UndertowConnection implements Connection {

    /** How long a peer gets to answer our close frame before the socket is closed anyway. */
    private static final long CLOSE_GRACE_MILLIS = 2_000;

    private final WebSocketChannel channel;
    private final String id;
    private final String clientIp;
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final WebSocketCallback<Void> written = new WebSocketCallback<>() {
        @Override
        public void complete(WebSocketChannel ch, Void context) {
        }

        @Override
        public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
            IoUtils.safeClose(ch);
        }
    };
    volatile long lastActivityNanos = System.nanoTime();
    volatile int peerCloseCode = 1006;
    volatile String peerCloseReason = "";
    volatile XnioExecutor.Key pinger;

    UndertowConnection(WebSocketChannel channel, String id, String clientIp, long maxQueuedBytes) {
        this.channel = channel;
        this.id = id;
        this.clientIp = clientIp;
        this.maxQueuedBytes = maxQueuedBytes;
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
        return channel.isOpen() && !closing.get();
    }

    @Override
    public boolean send(OutboundFrame frame) {
        if (!isOpen()) {
            return false;
        }
        int size = frame.size();
        if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
            queuedBytes.addAndGet(-size);
            // The close frame would queue behind what the peer is not reading, so drop the socket outright.
            if (closing.compareAndSet(false, true)) {
                UndertowServer.LOG.warn("Socket {} closed: slow consumer with more than {} bytes queued", id,
                        maxQueuedBytes);
                peerCloseCode = 1008;
                peerCloseReason = "Slow consumer";
                IoUtils.safeClose(channel);
            }
            return false;
        }
        WebSocketCallback<Void> done = new WebSocketCallback<>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                queuedBytes.addAndGet(-size);
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
                queuedBytes.addAndGet(-size);
                IoUtils.safeClose(ch);
            }
        };
        if (frame.isBinary()) {
            WebSockets.sendBinary(frame.bytes(), channel, done);
        } else {
            WebSockets.sendText(frame.bytes(), channel, done);
        }
        return true;
    }

    @Override
    public void close(int code, String reason) {
        if (!closing.compareAndSet(false, true) || !channel.isOpen()) {
            return;
        }
        WebSockets.sendClose(code, reason, channel, written);
        channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), CLOSE_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Pings the peer, or closes the socket if it has been silent for longer than the idle timeout. */
    void keepAlive(long idleTimeoutNanos) {
        if (System.nanoTime() - lastActivityNanos > idleTimeoutNanos) {
            close(1001, "Idle timeout");
        } else if (isOpen()) {
            WebSockets.sendPing(java.nio.ByteBuffer.allocate(0), channel, written);
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
