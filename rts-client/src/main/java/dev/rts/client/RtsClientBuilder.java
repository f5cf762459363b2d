package dev.rts.client;

import dev.rts.client.internal.DefaultRtsClient;
import dev.rts.client.internal.JdkWebSocketTransport;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Configures an {@link RtsClient}. Not thread-safe.
 */
public final class RtsClientBuilder {

    private URI uri;
    private Supplier<ClientTransport> transport;
    private String sessionId;
    private boolean reconnect = true;
    private Duration reconnectBase = Duration.ofMillis(250);
    private Duration reconnectMax = Duration.ofSeconds(10);
    private Supplier<String> tokens;

    RtsClientBuilder() {
    }

    /**
     * The server's WebSocket address, such as {@code ws://localhost:3001/}.
     *
     * @param uri a {@code ws} or {@code wss} URI
     * @return this builder
     * @throws NullPointerException     if it is {@code null}
     * @throws IllegalArgumentException if its scheme is not {@code ws} or {@code wss}
     */
    public RtsClientBuilder uri(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("uri must be ws:// or wss:// but was '" + uri + "'");
        }
        this.uri = uri;
        return this;
    }

    /**
     * A custom transport, created anew for each connection attempt (the testkit's in-memory pipe, for instance).
     * Replaces {@link #uri(URI)}.
     *
     * @param transport creates transports, on the thread that calls {@link RtsClient#connect()} or on the client's
     *                  reconnect thread; a transport it cannot create, or one whose {@code open} throws, counts as a
     *                  failed attempt
     * @return this builder
     * @throws NullPointerException if it is {@code null}
     */
    public RtsClientBuilder transport(Supplier<ClientTransport> transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /**
     * A session id to present at the first handshake, to resume a session; the server gives a new one if it does
     * not know it.
     *
     * @param sessionId the id
     * @return this builder
     * @throws NullPointerException if it is {@code null}
     */
    public RtsClientBuilder sessionId(String sessionId) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        return this;
    }

    /**
     * Whether to reconnect after the connection drops (default {@code true}).
     *
     * @param reconnect {@code false} to stay closed
     * @return this builder
     */
    public RtsClientBuilder reconnect(boolean reconnect) {
        this.reconnect = reconnect;
        return this;
    }

    /**
     * Reconnect backoff: attempt n waits a random time up to {@code min(max, base * 2^n)} (full jitter).
     *
     * @param base the first delay bound, positive
     * @param max  the largest delay bound, at least {@code base}
     * @return this builder
     * @throws IllegalArgumentException if not {@code 0 < base <= max}
     */
    public RtsClientBuilder reconnectDelay(Duration base, Duration max) {
        if (base == null || base.isNegative() || base.isZero() || max == null || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("reconnectDelay needs 0 < base <= max but got base=" + base + ", max="
                    + max);
        }
        this.reconnectBase = base;
        this.reconnectMax = max;
        return this;
    }

    /**
     * Signs the client in on a server with an authenticator. The client asks for a token before every connection
     * attempt and sends it in the upgrade request as {@code Authorization: Bearer <token>}; when the server says
     * the credentials expire, it asks again before they do (a third of their lifetime early, at most a minute) and
     * renews them over the open socket, without reconnecting. If a refresh is refused the server closes the socket
     * with 4401 at expiry and the client reconnects with a new token.
     *
     * @param tokens returns the current token, or {@code null} for none; called on the thread that calls
     *               {@link RtsClient#connect()} or on the client's timer thread, so it should return quickly (a
     *               cached token); an exception counts as a failed attempt or refresh
     * @return this builder
     * @throws NullPointerException if it is {@code null}
     */
    public RtsClientBuilder tokenSupplier(Supplier<String> tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        return this;
    }

    /**
     * Builds the client; it connects on {@link RtsClient#connect()}.
     *
     * @return the client
     * @throws IllegalStateException if neither a URI nor a transport was given
     */
    public RtsClient build() {
        Supplier<ClientTransport> factory = transport;
        if (factory == null) {
            if (uri == null) {
                throw new IllegalStateException("Set uri(...) or transport(...) before build()");
            }
            URI target = uri;
            Supplier<String> credentials = tokens;
            factory = () -> new JdkWebSocketTransport(target, credentials == null ? null : credentials.get());
        }
        return new DefaultRtsClient(factory, sessionId, reconnect, reconnectBase, reconnectMax, tokens);
    }
}
