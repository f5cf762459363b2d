package dev.rts.core.internal;

import dev.rts.api.Identity;
import dev.rts.api.Request;
import dev.rts.api.Session;
import java.util.Map;
import java.util.Optional;

/**
 * Who sent a message.
 */
record DefaultRequest(ConnectionState state, MountedService mounted) implements Request {

    @Override
    public String socketId() {
        return state.id();
    }

    @Override
    public String clientIp() {
        return state.connection.clientIp();
    }

    @Override
    public String transport() {
        return state.transport;
    }

    @Override
    public String service() {
        return mounted.name;
    }

    @Override
    public Map<String, Object> attributes() {
        return state.attributes();
    }

    @Override
    public Optional<String> sessionId() {
        LiveSession session = state.session;
        return session == null ? Optional.empty() : Optional.of(session.id());
    }

    @Override
    public Session session() {
        if (!mounted.sessions) {
            throw new IllegalStateException("Service '" + mounted.name + "' does not use sessions; add Feature.SESSIONS "
                    + "to its features()");
        }
        LiveSession session = state.session;
        if (session == null) {
            throw new IllegalStateException("Socket " + state.id() + " has no session yet; the client must complete "
                    + "the connect handshake first");
        }
        return session;
    }

    @Override
    public Identity identity() {
        return state.identity;
    }

    @Override
    public String toString() {
        return "Request[socket=" + state.id() + ", service=" + mounted.name + "]";
    }
}
