package dev.rts.transport.undertow;

import dev.rts.core.spi.Transport;
import dev.rts.core.spi.TransportSettings;
import dev.rts.transport.undertow.internal.UndertowServer;

/**
 * Creates the Undertow WebSocket transport. Apps rarely need this: with this module on the class path the server
 * finds the transport by itself and configures it from {@code RtsServer.builder()}'s socket settings.
 */
public final class UndertowTransport {

    /** The transport's name, as reported by {@code Request.transport()}. */
    public static final String NAME = "undertow";

    private UndertowTransport() {
    }

    /**
     * Creates an unstarted transport: a WebSocket endpoint at {@code settings.path()}, {@code GET /rts/client.js},
     * and the static directory if one is set.
     *
     * @param settings the socket settings
     * @return the transport
     */
    public static Transport create(TransportSettings settings) {
        return new UndertowServer(settings);
    }
}
