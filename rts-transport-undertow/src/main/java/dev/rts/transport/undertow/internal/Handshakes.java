package dev.rts.transport.undertow.internal;

import dev.rts.core.Admission;
import dev.rts.core.HandshakeRequest;
import dev.rts.core.spi.TrustedProxies;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds an upgrade's client address, copies its request for the authenticator, and carries both and the admission to
 * the upgraded socket.
 */
final class Handshakes {

    /**
     * What the WebSocket callback needs of its upgrade.
     *
     * @param admission the authenticator's admission
     * @param client    the client's address: the peer's, or the one a trusted proxy named
     * @param forwarded whether a trusted proxy named it (the connection gate then did not count it per address)
     */
    record Upgrade(Admission.Admitted admission, String client, boolean forwarded) {
    }

    /** The client address of an upgrade request, found before the authenticator runs. */
    private static final AttachmentKey<String> CLIENT = AttachmentKey.create(String.class);
    /** The admitted upgrade, read by the WebSocket callback. */
    static final AttachmentKey<Upgrade> UPGRADE = AttachmentKey.create(Upgrade.class);
    /** The upgrade's own exchange, so that the WebSocket callback can let go of what it holds. */
    private static final AttachmentKey<HttpServerExchange> EXCHANGE = AttachmentKey.create(HttpServerExchange.class);

    private Handshakes() {
    }

    /**
     * The client's address for an upgrade request: the peer's, unless the peer is a trusted proxy, which names it in
     * {@code X-Forwarded-For}. Worked out once per request.
     */
    static String client(HttpServerExchange exchange, TrustedProxies proxies) {
        String known = exchange.getAttachment(CLIENT);
        if (known != null) {
            return known;
        }
        String peer = peerAddress(exchange);
        HeaderValues forwardedFor = exchange.getRequestHeaders().get(Headers.X_FORWARDED_FOR);
        String client = forwardedFor == null ? peer : proxies.clientAddress(peer, forwardedFor);
        exchange.putAttachment(CLIENT, client);
        return client;
    }

    /** Marks an exchange as admitted, to be upgraded next. */
    static void admit(HttpServerExchange exchange, Admission.Admitted admission, TrustedProxies proxies) {
        String client = client(exchange, proxies);
        exchange.putAttachment(UPGRADE, new Upgrade(admission, client, proxies.trusts(peerAddress(exchange))));
        exchange.putAttachment(EXCHANGE, exchange);
    }

    /**
     * Takes the upgrade of an open socket and empties its exchange. Undertow keeps the upgrade's exchange for as long
     * as the socket is open (its HTTP connection is listed until it closes), and with it the request's headers, query
     * and the 101's headers: about 2 KB a socket that nothing reads once the socket is open.
     */
    static Upgrade upgraded(WebSocketHttpExchange facade) {
        Upgrade upgrade = facade.getAttachment(UPGRADE);
        HttpServerExchange exchange = facade.getAttachment(EXCHANGE);
        if (exchange != null) {
            exchange.removeAttachment(UPGRADE);
            exchange.removeAttachment(EXCHANGE);
            exchange.removeAttachment(CLIENT);
            exchange.getRequestHeaders().clear();
            exchange.getResponseHeaders().clear();
            exchange.getQueryParameters().clear();
            exchange.getPathParameters().clear();
        }
        return upgrade;
    }

    private static String peerAddress(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null ? "unknown" : source.getAddress().getHostAddress();
    }

    /** A copy of the request head, made on the I/O thread; bounded by the server's maximum header size. */
    static HandshakeRequest request(HttpServerExchange exchange, TrustedProxies proxies) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        exchange.getQueryParameters().forEach((name, values) -> query.put(name, new ArrayList<>(values)));
        Map<String, String> cookies = new HashMap<>();
        for (Cookie cookie : exchange.requestCookies()) {
            cookies.putIfAbsent(cookie.getName(), cookie.getValue() == null ? "" : cookie.getValue());
        }
        return new HandshakeRequest(exchange.getRequestPath(), client(exchange, proxies), headers, query, cookies);
    }
}
