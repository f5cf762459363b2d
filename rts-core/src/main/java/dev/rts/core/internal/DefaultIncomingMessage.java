package dev.rts.core.internal;

import dev.rts.api.Request;
import dev.rts.core.IncomingMessage;
import java.util.Objects;

/**
 * A message as middleware sees it.
 */
record DefaultIncomingMessage(MountedService mounted, long callbackId, String payload, DefaultRequest origin)
        implements IncomingMessage {

    @Override
    public String service() {
        return mounted.name;
    }

    @Override
    public int serviceId() {
        return mounted.id;
    }

    @Override
    public Request request() {
        return origin;
    }

    @Override
    public IncomingMessage withPayload(String newPayload) {
        return new DefaultIncomingMessage(mounted, callbackId, Objects.requireNonNull(newPayload, "payload"), origin);
    }
}
