package dev.rts.core.internal;

import dev.rts.api.ConnectionEvent;
import dev.rts.core.Middleware;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells services and middleware that a socket completed the handshake or went away. Runs on the connection's serial
 * executor; a throwing listener is logged and the others still run.
 */
final class ConnectionEvents {

    private static final Logger LOG = LoggerFactory.getLogger("rts.core");

    private final ConnectionRegistry registry;
    private final MountedService[] services;
    private final List<Middleware> middleware;

    ConnectionEvents(ConnectionRegistry registry, MountedService[] services, List<Middleware> middleware) {
        this.registry = registry;
        this.services = services;
        this.middleware = middleware;
    }

    /**
     * Binds the socket to the session it presented (or a new one), then runs the connect listeners.
     *
     * @return the session, or {@code null} if the address may not create a new session now
     */
    LiveSession connect(ConnectionState state, Object presentedSessionId) {
        LiveSession session = registry.bind(state, presentedSessionId);
        if (session == null) {
            return null;
        }
        Future<?> deadline = state.handshakeDeadline;
        if (deadline != null) {
            deadline.cancel(false);
            // Not kept for the socket's life: the cancelled task and what its closure holds can go.
            state.handshakeDeadline = null;
        }
        if (!state.closed) {
            ConnectionEvent event = event(state);
            for (MountedService service : services) {
                notify(service, service.connectListeners, event, "connect", state);
            }
        }
        return session;
    }

    /** Forgets the socket, then runs middleware's and (if it was connected) the services' disconnect listeners. */
    void disconnected(ConnectionState state) {
        boolean wasReady = state.session != null;
        registry.unbind(state);
        for (Middleware m : middleware) {
            try {
                m.onDisconnect(state.id());
            } catch (RuntimeException e) {
                LOG.error("Middleware {} failed in onDisconnect for socket {}", m.getClass().getName(), state.id(), e);
            }
        }
        if (wasReady) {
            ConnectionEvent event = event(state);
            for (MountedService service : services) {
                notify(service, service.disconnectListeners, event, "disconnect", state);
            }
        }
    }

    private static ConnectionEvent event(ConnectionState state) {
        return new ConnectionEvent(state.id(), state.connection.clientIp(), state.transport, state.session.id());
    }

    private static <T> void notify(MountedService service, List<Consumer<T>> listeners, T event, String what,
                                   ConnectionState state) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.error("Service '{}' failed in its {} listener for socket {}", service.name, what, state.id(), e);
            }
        }
    }
}
