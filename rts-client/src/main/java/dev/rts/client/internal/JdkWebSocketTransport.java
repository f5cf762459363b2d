package dev.rts.client.internal;

import dev.rts.client.ClientTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ClientTransport} over the JDK's {@code java.net.http.WebSocket}.
 */
public final class JdkWebSocketTransport implements ClientTransport, WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI uri;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Listener listener;
    private volatile WebSocket socket;
    /** The most characters waiting to be sent; past it {@link #send} refuses (16 Mi characters). */
    static final long MAX_QUEUED_CHARS = 16L * 1024 * 1024;

    private final java.util.concurrent.atomic.AtomicLong queuedChars = new java.util.concurrent.atomic.AtomicLong();
    /** The JDK socket allows one outstanding send; chaining keeps frames in call order. */
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

    /**
     * Creates an unopened transport.
     *
     * @param uri the server address
     */
    public JdkWebSocketTransport(URI uri) {
        this.uri = uri;
    }

    @Override
    public void open(Listener eventListener) {
        this.listener = eventListener;
        HTTP.newWebSocketBuilder().buildAsync(uri, this).whenComplete((ws, error) -> {
            if (error != null) {
                fireClose(1006, "Cannot connect to " + uri + ": " + error.getMessage());
            }
        });
    }

    @Override
    public synchronized boolean send(String frame) {
        WebSocket ws = socket;
        if (ws == null || closed.get()) {
            return false;
        }
        int size = frame.length();
        if (queuedChars.addAndGet(size) > MAX_QUEUED_CHARS) {
            queuedChars.addAndGet(-size);
            return false;
        }
        sends = sends.thenCompose(v -> ws.sendText(frame, true)).whenComplete((v, e) -> queuedChars.addAndGet(-size))
                .exceptionally(error -> {
            // After abort() the JDK calls no listener method again, so report the close here: otherwise the client
            // would stay "ready" on a dead socket, with calls that never complete and no reconnect.
            ws.abort();
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            fireClose(1006, "Cannot send a frame: " + cause);
            return null;
        });
        return true;
    }

    @Override
    public void close() {
        // Mark closed before looking for the socket, and onOpen sets the socket before checking the mark, so that a
        // socket opening meanwhile is closed by one side or the other.
        fireClose(1000, "Closed by client");
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((v, e) -> ws.abort());
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        if (closed.get()) {
            // close() came while the upgrade was in flight, when there was no socket to close yet.
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((v, e) -> webSocket.abort());
            return;
        }
        listener.onOpen();
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            listener.onText(frame);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        fireClose(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fireClose(1006, String.valueOf(error.getMessage()));
    }

    private void fireClose(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            listener.onClose(code, reason);
        }
    }
}
