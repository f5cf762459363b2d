package dev.rts.core.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Settings that every socket transport honours. Built by the server builder, which validates them.
 *
 * @param host             the interface to bind, such as {@code "0.0.0.0"} or {@code "127.0.0.1"}
 * @param port             the port, 0 for any free one
 * @param path             the WebSocket path, {@code "/"} by default (the reference browser client connects there)
 * @param allowedOrigins   origins allowed to open a socket, such as {@code "https://app.example.com"}; empty means
 *                         only pages from a loopback origin ({@code localhost}, {@code 127.0.0.1}, {@code [::1]})
 *                         on the server's own port and scheme (development); {@code "*"} allows any
 * @param maxFrameSize     the largest inbound frame in bytes; larger frames close that connection with 1009
 * @param maxQueuedBytes   the most bytes queued for sending to one connection; past it the connection is closed
 *                         with 1008
 * @param pingInterval     how often to ping an idle connection
 * @param idleTimeout      how long a connection may stay silent (no frame, no pong) before it is closed
 * @param staticDirectory  a directory served over HTTP beside the socket, or empty
 * @param limits           bounds on connections
 * @param production       whether the app runs in production, where a socket transport refuses to start without an
 *                         explicit origin policy (the development default, loopback pages only, fits no deployment)
 * @param tls              the TLS context to listen with (HTTPS and WSS), or empty for plain HTTP
 * @param trustedProxies   the reverse proxies whose {@code X-Forwarded-For} names the client; none by default
 */
public record TransportSettings(String host, int port, String path, List<String> allowedOrigins, int maxFrameSize,
                                long maxQueuedBytes, Duration pingInterval, Duration idleTimeout,
                                Optional<Path> staticDirectory, ConnectionLimits limits,
                                boolean production, Optional<SSLContext> tls, TrustedProxies trustedProxies) {

    /**
     * Copies the list.
     */
    public TransportSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(trustedProxies, "trustedProxies");
    }
}
