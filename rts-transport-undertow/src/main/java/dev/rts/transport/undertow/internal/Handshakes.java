package dev.rts.transport.undertow.internal;

import dev.rts.core.Admission;
import dev.rts.core.HandshakeRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies an upgrade request for the authenticator, and carries its admission to the upgraded socket. */
final class Handshakes {

    /** The admission of an upgrade, read by the WebSocket callback. */
    static final AttachmentKey<Admission.Admitted> ADMISSION = AttachmentKey.create(Admission.Admitted.class);
    /** The upgrade's own exchange, so that the WebSocket callback can let go of what it holds. */
    private static final AttachmentKey<HttpServerExchange> EXCHANGE = AttachmentKey.create(HttpServerExchange.class);

    private Handshakes() {
    }

    /** Marks an exchange as admitted, to be upgraded next. */
    static void admit(HttpServerExchange exchange, Admission.Admitted admission) {
        exchange.putAttachment(ADMISSION, admission);
        exchange.putAttachment(EXCHANGE, exchange);
    }

    /**
     * Takes the admission of an upgraded socket and empties its exchange. Undertow keeps the upgrade's exchange for as
     * long as the socket is open (its HTTP connection is listed until it closes), and with it the request's headers,
     * query and the 101's headers: about 2 KB a socket that nothing reads once the socket is open.
     */
    static Admission.Admitted upgraded(WebSocketHttpExchange facade) {
        Admission.Admitted admission = facade.getAttachment(ADMISSION);
        HttpServerExchange exchange = facade.getAttachment(EXCHANGE);
        if (exchange != null) {
            exchange.removeAttachment(ADMISSION);
            exchange.removeAttachment(EXCHANGE);
            exchange.getRequestHeaders().clear();
            exchange.getResponseHeaders().clear();
            exchange.getQueryParameters().clear();
            exchange.getPathParameters().clear();
        }
        return admission;
    }

    /** A copy of the request head, made on the I/O thread; bounded by the server's maximum header size. */
    static HandshakeRequest request(HttpServerExchange exchange) {
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
        InetSocketAddress source = exchange.getSourceAddress();
        String address = source == null || source.getAddress() == null ? "unknown"
                : source.getAddress().getHostAddress();
        return new HandshakeRequest(exchange.getRequestPath(), address, headers, query, cookies);
    }
}
