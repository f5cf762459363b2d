package dev.rts.client;

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
     * disabled. Calling it again while connected returns the same future.
     *
     * @return completes once ready; fails if the first attempt fails
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
     * Adds a status listener.
     *
     * @param listener the listener
     */
    void onStatus(Consumer<ClientStatus> listener);

    /**
     * Adds a listener for error frames that answer no pending call (for example a message dropped by the server).
     *
     * @param listener receives the server's error message
     */
    void onError(Consumer<String> listener);

    /**
     * Closes the connection for good: pending calls fail and no reconnect follows.
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
