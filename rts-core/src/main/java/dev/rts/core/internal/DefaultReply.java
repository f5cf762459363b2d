package dev.rts.core.internal;

import dev.rts.api.Reply;

/**
 * Answers one message's callback.
 */
record DefaultReply(Dispatcher dispatcher, ConnectionState state, MountedService service, long callbackId)
        implements Reply {

    @Override
    public boolean expected() {
        return callbackId != 0;
    }

    @Override
    public boolean send(Object message) {
        return dispatcher.reply(state, service, callbackId, message);
    }
}
