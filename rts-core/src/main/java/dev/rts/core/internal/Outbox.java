package dev.rts.core.internal;

import dev.rts.api.Json;
import dev.rts.core.spi.OutboundFrame;
import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * What one service sends on its own initiative: each message, text or bytes, is encoded once into the service's
 * frame, then handed to every addressed socket that completed the handshake. Any thread; never blocks.
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
        return send(socketIds, service.frame(message, 0, json));
    }

    int broadcast(Object message) {
        return broadcast(service.frame(message, 0, json));
    }

    boolean sendBytes(String socketId, ByteBuffer payload) {
        OutboundFrame frame = service.binaryFrame(payload, 0);
        ConnectionState state = registry.readyState(socketId);
        return state != null && state.connection.send(frame);
    }

    int sendBytes(Collection<String> socketIds, ByteBuffer payload) {
        return send(socketIds, service.binaryFrame(payload, 0));
    }

    int broadcastBytes(ByteBuffer payload) {
        return broadcast(service.binaryFrame(payload, 0));
    }

    private int send(Collection<String> socketIds, OutboundFrame frame) {
        int sent = 0;
        for (String socketId : socketIds) {
            ConnectionState state = registry.readyState(socketId);
            if (state != null && state.connection.send(frame)) {
                sent++;
            }
        }
        return sent;
    }

    private int broadcast(OutboundFrame frame) {
        int sent = 0;
        for (ConnectionState state : registry.readyStates()) {
            if (state.connection.send(frame)) {
                sent++;
            }
        }
        return sent;
    }
}
