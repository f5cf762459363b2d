/**
 * The Realtime Services server. Apps build it with {@link dev.rts.core.RtsServer#builder()}; transports implement
 * {@link dev.rts.core.spi}.
 */
module dev.rts.core {
    requires transitive dev.rts.api;
    requires dev.rts.protocol;
    requires dev.rts.json;

    exports dev.rts.core;
    exports dev.rts.core.spi;

    uses dev.rts.api.Service;
    uses dev.rts.core.spi.TransportProvider;
    uses dev.rts.core.spi.ClusterBusProvider;
    uses dev.rts.core.spi.SessionStoreProvider;
}
