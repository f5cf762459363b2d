package dev.rts.transport.undertow.internal;

import dev.rts.core.spi.ClientBundle;
import dev.rts.core.spi.TransportHost;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;

/**
 * Serves {@code GET /rts/client.js}: ETag revalidation and gzip, both computed once at start.
 */
final class ClientScriptHandler implements HttpHandler {

    private final TransportHost host;

    ClientScriptHandler(TransportHost host) {
        this.host = host;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            exchange.endExchange();
            return;
        }
        ClientBundle bundle = host.clientBundle();
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "application/javascript; charset=utf-8")
                .put(Headers.ETAG, bundle.etag())
                .put(Headers.CACHE_CONTROL, "no-cache")
                .put(Headers.VARY, "Accept-Encoding");
        String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null && ifNoneMatch.contains(bundle.etag())) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            exchange.endExchange();
            return;
        }
        String acceptEncoding = exchange.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING);
        byte[] body = bundle.utf8();
        if (acceptEncoding != null && acceptEncoding.contains("gzip")) {
            body = bundle.gzip();
            exchange.getResponseHeaders().put(Headers.CONTENT_ENCODING, "gzip");
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
