package dev.rts.client.internal;

import dev.rts.client.ClientTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link ClientTransport} over the JDK's {@code java.net.http.WebSocket}.
 */
public final class JdkWebSocketTransport implements ClientTransport, WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * The most characters (text) plus bytes (binary) waiting to be sent; past it {@link #send} and
     * {@link #sendBinary} refuse (16 Mi).
     */
    static final long MAX_QUEUED = 16L * 1024 * 1024;
    /** The largest message accepted from the server, text characters or binary bytes, by default (16 Mi). */
    static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    private final URI uri;
    private final int maxMessageSize;
    private final String token;
    private final StringBuilder partial = new StringBuilder();
    private ByteBuffer partialBinary = ByteBuffer.allocate(0);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Listener listener;
    private volatile WebSocket socket;
    private final AtomicLong queued = new AtomicLong();
    /** The JDK socket allows one outstanding send; chaining keeps frames in call order. */
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

    /**
     * Creates an unopened transport.
     *
     * @param uri the server address
     */
    public JdkWebSocketTransport(URI uri) {
        this(uri, MAX_MESSAGE_SIZE, null);
    }

    /**
     * Creates an unopened transport that presents a bearer token in its upgrade request.
     *
     * @param uri   the server address
     * @param token sent as {@code Authorization: Bearer <token>}, or {@code null} for none
     */
    public JdkWebSocketTransport(URI uri, String token) {
        this(uri, MAX_MESSAGE_SIZE, token);
    }

    /** For tests of the inbound bound. */
    JdkWebSocketTransport(URI uri, int maxMessageSize) {
        this(uri, maxMessageSize, null);
    }

    private JdkWebSocketTransport(URI uri, int maxMessageSize, String token) {
        this.uri = uri;
        this.maxMessageSize = maxMessageSize;
        this.token = token;
    }

    @Override
    public void open(Listener eventListener) {
        this.listener = eventListener;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        builder.buildAsync(uri, this).whenComplete((ws, error) -> {
            if (error != null) {
                fireClose(1006, refusal(error));
            }
        });
    }

    /** Says why an upgrade failed; a refusal by the server keeps its status and (short) text. */
    private String refusal(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof java.net.http.WebSocketHandshakeException refused) {
            java.net.http.HttpResponse<?> response = refused.getResponse();
            String body = response.body() instanceof String text ? text.strip() : "";
            if (body.length() > 200) {
                body = body.substring(0, 200) + "...";
            }
            return "Upgrade refused with HTTP " + response.statusCode() + (body.isEmpty() ? "" : ": " + body);
        }
        return "Cannot connect to " + uri + ": " + cause;
    }

    @Override
    public boolean send(String frame) {
        return enqueue(frame.length(), ws -> ws.sendText(frame, true));
    }

    @Override
    public boolean sendBinary(ByteBuffer frame) {
        return enqueue(frame.remaining(), ws -> ws.sendBinary(frame, true));
    }

    private synchronized boolean enqueue(int size, Function<WebSocket, CompletableFuture<WebSocket>> sender) {
        WebSocket ws = socket;
        if (ws == null || closed.get()) {
            return false;
        }
        if (queued.addAndGet(size) > MAX_QUEUED) {
            queued.addAndGet(-size);
            return false;
        }
        sends = sends.thenCompose(v -> sender.apply(ws)).whenComplete((v, e) -> queued.addAndGet(-size))
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
        if (partial.length() + data.length() > maxMessageSize) {
            return tooBig(webSocket);
        }
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
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        int size = partialBinary.position() + data.remaining();
        if (size > maxMessageSize) {
            return tooBig(webSocket);
        }
        if (last && partialBinary.position() == 0) {
            // The whole message in one piece still needs its own copy: the JDK may reuse the buffer it handed over.
            partialBinary = ByteBuffer.allocate(data.remaining());
        } else if (size > partialBinary.capacity()) {
            // Grow geometrically, within the bound, so that a message in many pieces costs linear copying.
            ByteBuffer grown = ByteBuffer.allocate((int) Math.min(maxMessageSize, Math.max(size, 2L * size)));
            partialBinary.flip();
            partialBinary = grown.put(partialBinary);
        }
        partialBinary.put(data);
        if (last) {
            ByteBuffer frame = partialBinary.flip();
            partialBinary = ByteBuffer.allocate(0);
            listener.onBinary(frame);
        }
        webSocket.request(1);
        return null;
    }

    /** A message over the bound: the socket is given up, as the server does with 1009. */
    private CompletionStage<?> tooBig(WebSocket webSocket) {
        webSocket.abort();
        partial.setLength(0);
        partialBinary = ByteBuffer.allocate(0);
        fireClose(1009, "Message from the server too big (limit " + maxMessageSize + ")");
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
