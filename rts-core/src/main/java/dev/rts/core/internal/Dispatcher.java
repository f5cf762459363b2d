package dev.rts.core.internal;

import dev.rts.api.ConnectionEvent;
import dev.rts.api.Json;
import dev.rts.api.MessageHandler;
import dev.rts.core.IncomingMessage;
import dev.rts.core.Middleware;
import dev.rts.core.MiddlewareChain;
import dev.rts.core.spi.ClientBundle;
import dev.rts.core.spi.Connection;
import dev.rts.core.spi.OutboundFrame;
import dev.rts.core.spi.TransportHost;
import dev.rts.core.spi.TransportSettings;
import dev.rts.protocol.Frame;
import dev.rts.protocol.FrameCodec;
import dev.rts.protocol.MalformedFrameException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multiplexer: takes frames from the transport, moves them off the I/O thread onto the connection's serial
 * executor, decodes them, runs middleware and hands them to the service; and encodes what services send.
 */
final class Dispatcher implements TransportHost {

    private static final Logger LOG = LoggerFactory.getLogger("rts.core");

    final Json json;
    final ExecutorService workers;
    final ConnectionRegistry registry;
    final boolean production;
    private final TransportSettings settings;
    private final List<Middleware> middleware;
    private final int maxPendingMessages;
    private volatile MountedService[] services = new MountedService[0];
    private volatile SystemService system;
    private volatile String transportName = "unknown";

    Dispatcher(Json json, ExecutorService workers, ConnectionRegistry registry, ServerConfig config) {
        this.json = json;
        this.workers = workers;
        this.registry = registry;
        this.production = config.production();
        this.settings = config.transportSettings();
        this.middleware = config.middleware();
        this.maxPendingMessages = config.maxPendingMessages();
    }

    void services(MountedService[] mounted, SystemService systemService) {
        this.services = mounted;
        this.system = systemService;
    }

    void transportName(String name) {
        this.transportName = name;
    }

    MountedService[] services() {
        return services;
    }

    // ---- TransportHost: I/O threads, never block ----

    @Override
    public TransportSettings settings() {
        return settings;
    }

    @Override
    public ClientBundle clientBundle() {
        return system.bundle();
    }

    @Override
    public void opened(Connection connection) {
        registry.opened(new ConnectionState(connection, transportName,
                new SerialExecutor(workers, maxPendingMessages)));
        LOG.debug("Socket {} opened from {}", connection.id(), connection.clientIp());
    }

    @Override
    public void received(Connection connection, String frame) {
        ConnectionState state = registry.openState(connection.id());
        if (state == null) {
            return;
        }
        if (!state.executor.tryExecute(() -> process(state, frame))
                && state.overflowReported.compareAndSet(false, true)) {
            state.executor.executeControl(() -> sendError(state, null, 0, "Too many messages waiting on this socket "
                    + "(at most " + maxPendingMessages + "); messages are dropped until the server catches up"));
        }
    }

    @Override
    public void receivedBinary(Connection connection, long size) {
        ConnectionState state = registry.openState(connection.id());
        if (state != null) {
            state.executor.executeControl(() -> sendError(state, null, 0, "Binary frames are not supported; send text "
                    + "frames as described in docs/PROTOCOL.md (received " + size + " bytes)"));
        }
    }

    @Override
    public void closed(Connection connection, int code, String reason) {
        ConnectionState state = registry.openState(connection.id());
        if (state == null) {
            return;
        }
        state.closed = true;
        LOG.debug("Socket {} closed with {} {}", connection.id(), code, reason);
        state.executor.executeControl(() -> disconnect(state));
    }

    // ---- worker threads, one task at a time per connection ----

    private void process(ConnectionState state, String text) {
        state.overflowReported.set(false);
        MountedService service = null;
        Frame frame;
        try {
            int serviceId = FrameCodec.serviceId(text);
            MountedService[] all = services;
            if (serviceId >= all.length) {
                sendError(state, null, 0, "Unknown service id " + serviceId + "; this server has ids 0 to "
                        + (all.length - 1) + " (send {\"c\":\"discover\"} to service 0 to list them)");
                return;
            }
            service = all[serviceId];
            frame = FrameCodec.decode(text, service.callbacks);
        } catch (MalformedFrameException e) {
            sendError(state, service, 0, e.getMessage());
            return;
        }
        if (service.id == 0) {
            system.handle(state, frame);
        } else {
            deliver(state, service, frame);
        }
    }

    private void deliver(ConnectionState state, MountedService service, Frame frame) {
        long callbackId = frame.callbackId();
        if (service.sessions && state.session == null) {
            sendError(state, service, callbackId, "Service '" + service.name + "' needs a session: send the connect "
                    + "handshake to service 0 first");
            return;
        }
        if (service.handler == null) {
            sendError(state, service, callbackId, "Service '" + service.name + "' does not accept messages");
            return;
        }
        DefaultRequest request = new DefaultRequest(state, service);
        new Chain(state, service, 0, callbackId).next(new DefaultIncomingMessage(service, callbackId, frame.payload(), request));
    }

    /** Walks the middleware list, then calls the service. */
    private final class Chain implements MiddlewareChain {
        private final ConnectionState state;
        private final MountedService service;
        private final int index;
        private final long callbackId;
        private boolean done;

        Chain(ConnectionState state, MountedService service, int index, long callbackId) {
            this.state = state;
            this.service = service;
            this.index = index;
            this.callbackId = callbackId;
        }

        @Override
        public void next(IncomingMessage message) {
            if (finish()) {
                DefaultIncomingMessage incoming = (DefaultIncomingMessage) message;
                if (index < middleware.size()) {
                    Middleware current = middleware.get(index);
                    Chain rest = new Chain(state, service, index + 1, incoming.callbackId());
                    try {
                        current.handle(incoming, rest);
                    } catch (Exception e) {
                        LOG.warn("Middleware {} failed on a message for service '{}' from socket {}",
                                current.getClass().getName(), service.name, state.id(), e);
                        rest.reject(messageOf(e));
                    }
                } else {
                    invoke(state, service, incoming);
                }
            }
        }

        @Override
        public void reject(String errorMessage) {
            if (finish()) {
                sendError(state, service, callbackId, errorMessage == null ? "Rejected" : errorMessage, null);
            }
        }

        private boolean finish() {
            if (done) {
                LOG.warn("Middleware for service '{}' continued one message twice; the second call was ignored",
                        service.name);
                return false;
            }
            done = true;
            return true;
        }
    }

    private void invoke(ConnectionState state, MountedService service, DefaultIncomingMessage incoming) {
        MessageHandler handler = service.handler;
        long started = System.nanoTime();
        try {
            handler.handle(new DefaultMessage(incoming.payload(), json), incoming.origin(),
                    new DefaultReply(this, state, service, incoming.callbackId()));
        } catch (IllegalArgumentException e) {
            // Bad input from the client: worth a debug line, not a stack trace in the server log.
            LOG.debug("Service '{}' rejected a message from socket {}: {}", service.name, state.id(), e.getMessage());
            sendError(state, service, incoming.callbackId(), messageOf(e), e);
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.error("Service '{}' failed on a message from socket {}", service.name, state.id(), e);
            sendError(state, service, incoming.callbackId(), messageOf(e), e);
        } finally {
            if (LOG.isDebugEnabled()) {
                LOG.debug("Service '{}' handled a message from socket {} in {} us", service.name, state.id(),
                        (System.nanoTime() - started) / 1000);
            }
        }
    }

    private void disconnect(ConnectionState state) {
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

    void connected(ConnectionState state) {
        ConnectionEvent event = event(state);
        for (MountedService service : services) {
            notify(service, service.connectListeners, event, "connect", state);
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

    // ---- sending: any thread ----

    boolean reply(ConnectionState state, MountedService service, long callbackId, Object message) {
        return state.connection.send(service.frame(message, service.callbacks ? callbackId : 0, json));
    }

    boolean send(MountedService service, String socketId, Object message) {
        ConnectionState state = registry.readyState(socketId);
        return state != null && state.connection.send(service.frame(message, 0, json));
    }

    int send(MountedService service, Collection<String> socketIds, Object message) {
        OutboundFrame frame = service.frame(message, 0, json);
        int sent = 0;
        for (String socketId : socketIds) {
            ConnectionState state = registry.readyState(socketId);
            if (state != null && state.connection.send(frame)) {
                sent++;
            }
        }
        return sent;
    }

    int broadcast(MountedService service, Object message) {
        OutboundFrame frame = service.frame(message, 0, json);
        int sent = 0;
        for (ConnectionState state : registry.readyStates()) {
            if (state.connection.send(frame)) {
                sent++;
            }
        }
        return sent;
    }

    void sendError(ConnectionState state, MountedService service, long callbackId, String message) {
        sendError(state, service, callbackId, message, null);
    }

    /**
     * Sends {@code 0||{"type":"error",...}}. Stack traces go only to loopback clients of a development server.
     */
    void sendError(ConnectionState state, MountedService service, long callbackId, String message, Throwable cause) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("message", message);
        if (service != null) {
            error.put("service", service.name);
            error.put("serviceId", service.id);
            if (callbackId != 0) {
                error.put("callbackId", callbackId);
            }
        }
        if (cause != null && !production && state.loopback()) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            error.put("stack", trace.toString());
        }
        state.connection.send(new OutboundFrame(FrameCodec.encode(0, true, 0, json.encode(error))));
    }

    static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
