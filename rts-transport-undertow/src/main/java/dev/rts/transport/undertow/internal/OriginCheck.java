package dev.rts.transport.undertow.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Refuses WebSocket upgrades from pages of other origins, before the upgrade. Browsers always send Origin on
 * WebSocket requests; other clients (the JVM client, tools) usually don't and are let through.
 */
final class OriginCheck {

    private final List<String> allowed;
    private final boolean any;

    OriginCheck(List<String> allowed) {
        this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.any = allowed.contains("*");
    }

    /** Returns why the request is refused, or {@code null} to accept it. */
    String refusal(HttpServerExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null || any) {
            return null;
        }
        String normalized = origin.toLowerCase(Locale.ROOT);
        if (allowed.isEmpty()) {
            String hostHeader = exchange.getRequestHeaders().getFirst(Headers.HOST);
            String authority;
            try {
                authority = URI.create(normalized).getAuthority();
            } catch (IllegalArgumentException e) {
                authority = null;
            }
            if (authority != null && hostHeader != null && authority.equals(hostHeader.toLowerCase(Locale.ROOT))) {
                return null;
            }
            return "Origin '" + origin + "' is not allowed: only pages from " + hostHeader + " may connect; add it "
                    + "with RtsServer.builder().allowedOrigins(...)";
        }
        return allowed.contains(normalized) ? null
                : "Origin '" + origin + "' is not allowed; allowed origins: " + allowed;
    }
}
