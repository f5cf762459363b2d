package dev.rts.core.internal;

import dev.rts.api.Json;
import dev.rts.api.Message;
import java.lang.reflect.Type;

/**
 * An inbound payload, decoded on demand.
 */
record DefaultMessage(String text, Json json) implements Message {

    @Override
    public <T> T decode(Class<T> type) {
        return json.decode(text, type);
    }

    @Override
    public <T> T decode(Type type) {
        return json.decode(text, type);
    }

    @Override
    public String toString() {
        return text;
    }
}
