package dev.rts.client;

import dev.rts.api.Json;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A client for an RTS server, for use from another JVM process: connect, use services by name, reconnect by itself.
 *
 * <pre>{@code
 * try (RtsClient client = RtsClient.builder().uri(URI.create("ws://localhost:3001/")).build()) {
 *     client.connect().get(5, TimeUnit.SECONDS);
 *     Map<?, ?> answer = client.service("demo").call(Map.of("c", "echo", "text", "hi"), Map.class).get();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Listeners and futures complete on the transport's thread.
 */
public interface RtsClient extends AutoCloseable {

    /**
     * A builder.
     *
     * @return a new builder
     */
    static RtsClientBuilder builder() {
        return new RtsClientBuilder();
    }

    /**
     * Opens the connection, runs the handshake and discovers the services. Reconnects automatically afterwards unless
     * disabled. Calling it again while connecting, connected or reconnecting returns the same future; calling it after
     * an attempt failed, or after the connection closed with reconnects disabled, starts a new attempt. Never blocks.
     *
     * @return completes once ready; fails if this attempt fails, or at once after {@link #disconnect()}
     */
    CompletableFuture<Void> connect();

    /**
     * The session id the server gave this client, kept across reconnects.
     *
     * @return the session id, or {@code null} before the first handshake
     */
    String sessionId();

    /**
     * Whether the client is connected and ready.
     *
     * @return {@code true} between {@link ClientStatus#READY} and {@link ClientStatus#CLOSED}
     */
    boolean isReady();

    /**
     * The names of the services the server offers.
     *
     * @return the names, empty before the first handshake
     */
    Set<String> services();

    /**
     * A service by name.
     *
     * @param name the mount name
     * @return the handle
     * @throws IllegalArgumentException if the server offers no such service; the message lists those it offers
     */
    ServiceHandle service(String name);

    /**
     * The JSON codec this client encodes and decodes messages with: the same strict codec as the server's, so a
     * service's JVM half (such as rts-rpc's {@code RpcClient}) reads answers exactly as the server wrote them.
     *
     * @return the codec, thread-safe, never {@code null}
     */
    Json json();

    /**
     * Adds a status listener, called on the transport's thread (or the thread that called {@link #disconnect()});
     * an exception it throws is logged. It sees only the changes after it was added: add it before
     * {@link #connect()} to see {@link ClientStatus#OPEN} and the first {@link ClientStatus#READY}.
     *
     * @param listener the listener, not {@code null}
     */
    void onStatus(Consumer<ClientStatus> listener);

    /**
     * Adds a listener for messages from every service that are not answers to a call, including those that arrive
     * between the handshake and the end of discovery. Add it before {@link #connect()} to miss nothing. Called on the
     * transport's thread.
     *
     * @param listener the listener; {@link ClientMessage#service()} names the sender
     */
    void onMessage(Consumer<ClientMessage> listener);

    /**
     * Adds a listener for error frames that answer no pending call (for example a message dropped by the server).
     * Called on the transport's thread; an exception it throws is logged.
     *
     * @param listener receives the server's error message; not {@code null}
     */
    void onError(Consumer<String> listener);

    /**
     * Closes the connection for good: pending calls fail with {@link RtsErrorException}, the reconnect timer stops and
     * no reconnect follows. Never blocks; calling it again does nothing. Afterwards {@link #connect()} fails.
     */
    void disconnect();

    /**
     * Same as {@link #disconnect()}.
     */
    @Override
    default void close() {
        disconnect();
    }
}
