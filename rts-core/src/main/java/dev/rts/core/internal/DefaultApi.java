package dev.rts.core.internal;

import dev.rts.api.Api;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shared api: written while services start (one thread), read from any thread afterwards.
 */
final class DefaultApi implements Api {

    private final Map<String, Object> apis = Collections.synchronizedMap(new LinkedHashMap<>());

    void put(String name, Object api) {
        apis.put(name, api);
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        Object api = apis.get(name);
        if (api == null) {
            throw new IllegalArgumentException("No service API named '" + name + "'; available: " + names());
        }
        if (!type.isInstance(api)) {
            throw new IllegalArgumentException("Service API '" + name + "' is a " + api.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(api);
    }

    @Override
    public Optional<Object> find(String name) {
        return Optional.ofNullable(apis.get(name));
    }

    @Override
    public Set<String> names() {
        synchronized (apis) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(apis.keySet()));
        }
    }

    @Override
    public String toString() {
        return "Api" + names();
    }
}
