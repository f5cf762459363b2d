package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK WebSocket client that records every text and binary frame and the close code, for transport tests.
 */
final class TestSocket implements WebSocket.Listener {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    private WebSocket socket;

    static TestSocket open(int port) {
        return open(port, Map.of());
    }

    static TestSocket open(int port, Map<String, String> headers) {
        return open(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + "/"), headers);
    }

    /** Opens a socket with a client of the test's choosing (one that trusts a test certificate, for wss). */
    static TestSocket open(HttpClient http, URI uri, Map<String, String> headers) {
        TestSocket listener = new TestSocket();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        listener.socket = builder.buildAsync(uri, listener).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        return listener;
    }

    /** Opens a socket and completes the handshake, returning the session id. */
    static TestSocket connected(int port) {
        return connected(port, Map.of());
    }

    /** Opens a socket with these upgrade request headers and completes the handshake. */
    static TestSocket connected(int port, Map<String, String> headers) {
        TestSocket socket = open(port, headers);
        socket.send("0|1|{\"c\":\"connect\",\"v\":\"test\",\"sessionId\":false}");
        assertThat(socket.next()).startsWith("0|1|{\"version\":");
        return socket;
    }

    void send(String frame) {
        socket.sendText(frame, true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    void sendBinary(byte[] frame) {
        socket.sendBinary(ByteBuffer.wrap(frame), true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    byte[] nextBinary() {
        try {
            byte[] frame = binaries.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a binary frame within %s; text frames: %s", TIMEOUT, frames).isNotNull();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String next() {
        try {
            String frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within %s", TIMEOUT).isNotNull();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Asserts no frame arrives within a short window (used only after something that would have answered). */
    void assertNoFrame(Duration window) throws InterruptedException {
        assertThat(frames.poll(window.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    }

    int awaitClose() {
        return closeCode.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    String awaitCloseReason() {
        return closeReason.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    void abort() {
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partialBinary.writeBytes(chunk);
        if (last) {
            binaries.add(partialBinary.toByteArray());
            partialBinary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason.complete(reason);
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReason.complete("");
        closeCode.complete(1006);
    }
}
