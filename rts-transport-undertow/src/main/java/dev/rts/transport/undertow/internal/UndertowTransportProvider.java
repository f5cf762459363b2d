package dev.rts.transport.undertow.internal;

import dev.rts.core.spi.Transport;
import dev.rts.core.spi.TransportProvider;
import dev.rts.core.spi.TransportSettings;
import dev.rts.transport.undertow.UndertowTransport;

/**
 * Lets the server find this transport with {@link java.util.ServiceLoader}.
 */
public final class UndertowTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return UndertowTransport.NAME;
    }

    @Override
    public Transport create(TransportSettings settings) {
        return UndertowTransport.create(settings);
    }
}
