package dev.rts.core.internal;

import dev.rts.api.Json;
import dev.rts.api.Reply;
import java.nio.ByteBuffer;

/**
 * Answers one message's callback: encodes the answer into the service's frame and sends it to the asking socket.
 */
record DefaultReply(ConnectionState state, MountedService service, long callbackId, Json json) implements Reply {

    @Override
    public boolean expected() {
        return callbackId != 0;
    }

    @Override
    public boolean send(Object message) {
        return state.connection.send(service.frame(message, service.callbacks ? callbackId : 0, json));
    }

    @Override
    public boolean sendBytes(ByteBuffer payload) {
        return state.connection.send(service.binaryFrame(payload, service.callbacks ? callbackId : 0));
    }
}
