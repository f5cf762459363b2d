package dev.rts.rpc.internal;

import dev.rts.api.Request;
import dev.rts.api.Session;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request of a call made by server code through {@code Rpc.call}: no socket, no session.
 *
 * @param service the rpc service's mount name
 */
record LocalRequest(String service, Map<String, Object> attributes) implements Request {

    LocalRequest(String service) {
        this(service, new ConcurrentHashMap<>());
    }

    @Override
    public String socketId() {
        return "local";
    }

    @Override
    public String clientIp() {
        return "127.0.0.1";
    }

    @Override
    public String transport() {
        return "local";
    }

    @Override
    public Optional<String> sessionId() {
        return Optional.empty();
    }

    @Override
    public Session session() {
        throw new IllegalStateException("A local rpc call has no session; call through a client to use sessions");
    }
}
