package dev.rts.transport.undertow.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses WebSocket upgrades from pages of other origins, before the upgrade. Browsers always send Origin on
 * WebSocket requests; other clients (the JVM client, tools) usually don't and are let through. The Host header is
 * never consulted: a DNS rebinding page controls it as much as its Origin.
 */
final class OriginCheck {

    /** The 403 body: no configuration, no addresses, nothing a probing page could learn from. */
    static final String REFUSAL_BODY = "This page's origin may not open a WebSocket to this server";

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final List<String> allowed;
    private final boolean any;
    private final String scheme;
    private final int port;

    /**
     * @param allowed the allowed origins; empty for loopback pages only; {@code "*"} for any
     * @param scheme  the listener's scheme, {@code http} or {@code https}
     * @param port    the listener's bound port
     */
    OriginCheck(List<String> allowed, String scheme, int port) {
        this.allowed = allowed.stream().map(OriginCheck::normalize).toList();
        this.any = allowed.contains("*");
        this.scheme = scheme;
        this.port = port;
    }

    /** Returns why the request is refused, for the server log, or {@code null} to accept it. */
    String refusal(HttpServerExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null || any) {
            return null;
        }
        String normalized = normalize(origin);
        if (allowed.isEmpty()) {
            return normalized != null && LOOPBACK.stream().anyMatch(h -> normalized.equals(scheme + "://" + h + ":"
                    + port)) ? null : "Origin '" + cut(origin) + "' is not a loopback page on this server's "
                    + scheme + " port " + port + "; a development server accepts only those (set allowedOrigins)";
        }
        return normalized != null && allowed.contains(normalized) ? null
                : "Origin '" + cut(origin) + "' is not in allowedOrigins";
    }

    /** {@code scheme://host:port} in lower case with the port always present, or {@code null} if unparseable. */
    static String normalize(String origin) {
        if (origin.equals("*")) {
            return "*";
        }
        try {
            URI uri = new URI(origin.toLowerCase(Locale.ROOT));
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80
                    : -1;
            return port < 0 ? null : scheme + "://" + host + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String cut(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
