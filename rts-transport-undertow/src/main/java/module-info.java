/**
 * The Undertow WebSocket transport for RTS. Undertow types stay inside this module.
 */
module dev.rts.transport.undertow {
    requires dev.rts.core;
    requires undertow.core;
    requires xnio.api;
    requires org.slf4j;

    exports dev.rts.transport.undertow;

    provides dev.rts.core.spi.TransportProvider with dev.rts.transport.undertow.internal.UndertowTransportProvider;
}
