package dev.rts.client.internal;

import dev.rts.client.ClientMessage;
import java.lang.reflect.Type;

/**
 * A received message.
 */
record DefaultClientMessage(String service, String text) implements ClientMessage {

    @Override
    public <T> T decode(Class<T> type) {
        return DefaultRtsClient.JSON.decode(text, type);
    }

    @Override
    public <T> T decode(Type type) {
        return DefaultRtsClient.JSON.decode(text, type);
    }

    @Override
    public String toString() {
        return service + ": " + text;
    }
}
