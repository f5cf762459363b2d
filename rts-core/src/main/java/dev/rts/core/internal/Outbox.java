package dev.rts.core.internal;

import dev.rts.api.Json;
import dev.rts.core.spi.OutboundFrame;
import java.util.Collection;

/**
 * What one service sends on its own initiative: each message is encoded once into the service's frame, then handed
 * to every addressed socket that completed the handshake. Any thread; never blocks.
 */
final class Outbox {

    private final MountedService service;
    private final ConnectionRegistry registry;
    private final Json json;

    Outbox(MountedService service, ConnectionRegistry registry, Json json) {
        this.service = service;
        this.registry = registry;
        this.json = json;
    }

    boolean send(String socketId, Object message) {
        ConnectionState state = registry.readyState(socketId);
        return state != null && state.connection.send(service.frame(message, 0, json));
    }

    int send(Collection<String> socketIds, Object message) {
        OutboundFrame frame = service.frame(message, 0, json);
        int sent = 0;
        for (String socketId : socketIds) {
            ConnectionState state = registry.readyState(socketId);
            if (state != null && state.connection.send(frame)) {
                sent++;
            }
        }
        return sent;
    }

    int broadcast(Object message) {
        OutboundFrame frame = service.frame(message, 0, json);
        int sent = 0;
        for (ConnectionState state : registry.readyStates()) {
            if (state.connection.send(frame)) {
                sent++;
            }
        }
        return sent;
    }
}
