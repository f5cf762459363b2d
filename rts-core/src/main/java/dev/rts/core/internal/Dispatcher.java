package dev.rts.core.internal;

import dev.rts.api.Json;
import dev.rts.api.MessageHandler;
import dev.rts.core.Admission;
import dev.rts.core.HandshakeRequest;
import dev.rts.core.IncomingMessage;
import dev.rts.core.Middleware;
import dev.rts.core.MiddlewareChain;
import dev.rts.core.spi.ClientBundle;
import dev.rts.core.spi.Connection;
import dev.rts.core.spi.TransportHost;
import dev.rts.core.spi.TransportSettings;
import dev.rts.protocol.BinaryFrame;
import dev.rts.protocol.Frame;
import dev.rts.protocol.FrameCodec;
import dev.rts.protocol.MalformedFrameException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import dev.rts.api.LogLimiter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multiplexer, and only that: takes what the transport delivers, moves it off the I/O thread onto the
 * connection's serial executor, decodes each frame and routes it through middleware to its service's handler.
 * Sending lives in {@link Outbox}, {@link DefaultReply} and {@link ErrorReplies}; connect and disconnect
 * notifications in {@link ConnectionEvents}; the handshake in {@link SystemHandler}.
 */
final class Dispatcher implements TransportHost {

    private static final Logger LOG = LoggerFactory.getLogger("rts.core");

    private final Json json;
    private final ExecutorService workers;
    private final ConnectionRegistry registry;
    private final ConnectionEvents events;
    private final ErrorReplies errors;
    /** Filled in by the server before the transport starts; never changed afterwards. */
    private final MountedService[] services;
    private final TransportSettings settings;
    private final List<Middleware> middleware;
    private final int maxPendingMessages;
    private final ServerLimits limits;
    private final ScheduledExecutorService timer;
    private final Authentication authentication;
    private final LogLimiter floodLog = new LogLimiter(LOG, 10_000_000_000L);
    private volatile String transportName = "unknown";
    private volatile ClientBundle bundle;

    /** How many messages in a row a socket may have dropped before it is closed with {@link #FLOOD_CLOSE_CODE}. */
    static final int MAX_DROPPED_IN_A_ROW = 1024;
    /** The close code for a socket that keeps sending while its messages are dropped: policy violation. */
    static final int FLOOD_CLOSE_CODE = 1008;

    Dispatcher(Json json, ExecutorService workers, ConnectionRegistry registry, ConnectionEvents events,
               ErrorReplies errors, MountedService[] services, ServerConfig config, ScheduledExecutorService timer,
               Authentication authentication) {
        this.json = json;
        this.workers = workers;
        this.registry = registry;
        this.events = events;
        this.errors = errors;
        this.services = services;
        this.settings = config.transportSettings();
        this.middleware = config.middleware();
        this.maxPendingMessages = config.maxPendingMessages();
        this.limits = config.limits();
        this.timer = timer;
        this.authentication = authentication;
    }

    /** Called once before the transport starts. */
    void transport(String name, ClientBundle clientBundle) {
        this.transportName = name;
        this.bundle = clientBundle;
    }

    // ---- TransportHost: I/O threads, never block ----

    @Override
    public TransportSettings settings() {
        return settings;
    }

    @Override
    public ClientBundle clientBundle() {
        return bundle;
    }

    @Override
    public CompletableFuture<Admission> authenticate(HandshakeRequest request) {
        return authentication.admit(request);
    }

    @Override
    public void opened(Connection connection) {
        if (authentication.enabled()) {
            // A transport that skipped authenticate() must not let sockets past the app's authenticator.
            LOG.error("Transport '{}' opened socket {} without authenticating it; closed, because this server has an "
                    + "authenticator", transportName, connection.id());
            connection.close(1008, "This transport cannot authenticate");
            return;
        }
        opened(connection, (Admission.Admitted) Admission.anonymous());
    }

    @Override
    public void opened(Connection connection, Admission.Admitted admission) {
        TokenBucket budget = limits.messagesPerSecond() == 0 ? null
                : new TokenBucket(limits.messagesPerSecond(), limits.messageBurst(), System.nanoTime());
        ConnectionState state = new ConnectionState(connection, transportName,
                new SerialExecutor(workers, maxPendingMessages, limits.fatalErrorHandler(), connection::pauseReading),
                budget);
        authentication.admitted(state, admission.identity());
        registry.opened(state);
        long timeout = limits.handshakeTimeout().toMillis();
        state.handshakeDeadline = timer.schedule(() -> {
            if (state.session == null && !state.closed) {
                connection.close(1008, "Connect handshake not completed within " + seconds(timeout));
            }
        }, timeout, TimeUnit.MILLISECONDS);
        LOG.debug("Socket {} opened from {}", connection.id(), connection.clientIp());
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public void fatalError(Error error) {
        limits.fatalErrorHandler().accept(error);
    }

    @Override
    public void received(Connection connection, String frame) {
        ConnectionState state = registry.openState(connection.id());
        if (state != null) {
            enqueue(state, () -> process(state, frame), frame);
        }
    }

    @Override
    public void receivedBinary(Connection connection, ByteBuffer frame) {
        ConnectionState state = registry.openState(connection.id());
        if (state != null) {
            enqueue(state, () -> process(state, frame), frame);
        }
    }

    /** What a dropped message was: its service (or null) and callback id (or 0). */
    private record Dropped(MountedService service, long callbackId) {
    }

    /**
     * Queues one inbound message, text or binary alike, within the connection's rate and queue bounds. A dropped
     * message is answered on the I/O thread: with an error frame naming its callback id if it had one, so that the
     * caller learns at once; past {@link #MAX_DROPPED_IN_A_ROW} drops in a row, by closing the socket.
     */
    private void enqueue(ConnectionState state, Runnable task, Object frame) {
        String why;
        if (state.messageBudget != null && !state.messageBudget.tryTake(System.nanoTime())) {
            why = "Rate limit exceeded: at most " + limits.messagesPerSecond() + " messages per second per socket "
                    + "(bursts of " + limits.messageBurst() + "); this message was dropped";
        } else if (state.executor.tryExecute(task)) {
            state.accepted();
            return;
        } else {
            why = "Too many messages waiting on this socket (at most " + maxPendingMessages + "); this message was "
                    + "dropped";
        }
        int inARow = state.dropped();
        if (inARow > MAX_DROPPED_IN_A_ROW) {
            if (inARow == MAX_DROPPED_IN_A_ROW + 1) {
                floodLog.warn("Socket {} from {} closed: it kept sending while {} messages in a row were dropped",
                        state.id(), state.connection.clientIp(), MAX_DROPPED_IN_A_ROW);
                state.connection.close(FLOOD_CLOSE_CODE, "Too many messages: " + MAX_DROPPED_IN_A_ROW
                        + " in a row were dropped");
            }
            return;
        }
        Dropped dropped = frame instanceof String text ? textCallback(text) : binaryCallback((ByteBuffer) frame);
        if (dropped.callbackId() != 0 || inARow == 1) {
            errors.send(state, dropped.service(), dropped.callbackId(), why);
        }
    }

    /** The service and callback id of a text frame, read cheaply on the I/O thread without copying its payload. */
    private Dropped textCallback(String frame) {
        int firstBar = frame.indexOf('|');
        int serviceId = firstBar > 0 ? parseDigits(frame, 0, firstBar) : -1;
        if (serviceId < 0 || serviceId >= services.length) {
            return new Dropped(null, 0);
        }
        MountedService service = services[serviceId];
        int secondBar = service.callbacks ? frame.indexOf('|', firstBar + 1) : -1;
        long callbackId = secondBar > firstBar + 1 ? Math.max(0, parseDigits(frame, firstBar + 1, secondBar)) : 0;
        return new Dropped(service, callbackId);
    }

    private Dropped binaryCallback(ByteBuffer frame) {
        try {
            int serviceId = FrameCodec.serviceId(frame.duplicate());
            if (serviceId >= services.length) {
                return new Dropped(null, 0);
            }
            MountedService service = services[serviceId];
            return new Dropped(service, FrameCodec.decode(frame.duplicate(), service.callbacks).callbackId());
        } catch (MalformedFrameException e) {
            return new Dropped(null, 0);
        }
    }

    /** Parses a short run of digits, or returns -1. */
    private static int parseDigits(String text, int from, int to) {
        if (to - from > 9) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    @Override
    public void closed(Connection connection, int code, String reason) {
        ConnectionState state = registry.openState(connection.id());
        if (state == null) {
            return;
        }
        state.closed = true;
        Authentication.closed(state);
        Future<?> deadline = state.handshakeDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        LOG.debug("Socket {} closed with {} {}", connection.id(), code, reason);
        state.executor.executeControl(() -> events.disconnected(state));
    }

    // ---- worker threads, one task at a time per connection ----

    private void process(ConnectionState state, String text) {
        MountedService service = null;
        Frame frame;
        try {
            service = service(state, FrameCodec.serviceId(text));
            if (service == null) {
                return;
            }
            frame = FrameCodec.decode(text, service.callbacks);
        } catch (MalformedFrameException e) {
            errors.send(state, service, 0, e.getMessage());
            return;
        }
        deliver(state, service, frame.callbackId(), frame.payload(), null);
    }

    private void process(ConnectionState state, ByteBuffer bytes) {
        MountedService service = null;
        BinaryFrame frame;
        try {
            service = service(state, FrameCodec.serviceId(bytes));
            if (service == null) {
                return;
            }
            frame = FrameCodec.decode(bytes, service.callbacks);
        } catch (MalformedFrameException e) {
            errors.send(state, service, 0, e.getMessage());
            return;
        }
        if (!service.binary) {
            errors.send(state, service, frame.callbackId(), "Service '" + service.name + "' does not accept binary "
                    + "frames; send it text frames (received " + bytes.remaining() + " bytes)");
            return;
        }
        deliver(state, service, frame.callbackId(), null, frame.payload());
    }

    /** The service with that id, or {@code null} after telling the client there is none. */
    private MountedService service(ConnectionState state, int serviceId) {
        if (serviceId >= services.length) {
            errors.send(state, null, 0, "Unknown service id " + serviceId + "; this server has ids 0 to "
                    + (services.length - 1) + " (send {\"c\":\"discover\"} to service 0 to list them)");
            return null;
        }
        return services[serviceId];
    }

    /** Hands a text ({@code binary} null) or binary message through the middleware to the service. */
    private void deliver(ConnectionState state, MountedService service, long callbackId, String text,
                         ByteBuffer binary) {
        if (service.sessions && state.session == null) {
            errors.send(state, service, callbackId, "Service '" + service.name + "' needs a session: send the connect "
                    + "handshake to service 0 first");
            return;
        }
        if (service.handler == null) {
            errors.send(state, service, callbackId, "Service '" + service.name + "' does not accept messages");
            return;
        }
        DefaultIncomingMessage incoming = new DefaultIncomingMessage(service, callbackId, text, binary,
                new DefaultRequest(state, service));
        if (service.id == 0 || middleware.isEmpty()) {
            // The handshake must not depend on the app's middleware: a rate limiter would otherwise refuse connects.
            // Without middleware there is no chain to walk.
            invoke(state, service, incoming);
        } else {
            new Chain(state, service, 0, incoming).next(incoming);
        }
    }

    /** Walks the middleware list, then calls the service. */
    private final class Chain implements MiddlewareChain {
        private final ConnectionState state;
        private final MountedService service;
        private final int index;
        /** The message as the frame brought it: where it goes, who sent it and the callback to answer. */
        private final DefaultIncomingMessage received;
        private boolean done;

        Chain(ConnectionState state, MountedService service, int index, DefaultIncomingMessage received) {
            this.state = state;
            this.service = service;
            this.index = index;
            this.received = received;
        }

        @Override
        public void next(IncomingMessage message) {
            if (message == null) {
                reject("Middleware passed no message on");
                return;
            }
            if (finish()) {
                // Middleware may pass on its own IncomingMessage (a wrapper, a decorator): only the payload is taken
                // from it; the target, the sender and the callback stay those of the frame.
                DefaultIncomingMessage incoming = message instanceof DefaultIncomingMessage own ? own
                        : received.withPayloadOf(message);
                if (index < middleware.size()) {
                    Middleware current = middleware.get(index);
                    Chain rest = new Chain(state, service, index + 1, incoming);
                    try {
                        current.handle(incoming, rest);
                    } catch (Exception e) {
                        LOG.warn("Middleware {} failed on a message for service '{}' from socket {}",
                                current.getClass().getName(), service.name, state.id(), e);
                        rest.reject(ErrorReplies.messageOf(e));
                    }
                } else {
                    invoke(state, service, incoming);
                }
            }
        }

        @Override
        public void reject(String errorMessage) {
            if (finish()) {
                errors.send(state, service, received.callbackId(), errorMessage == null ? "Rejected"
                        : errorMessage);
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
            handler.handle(incoming.message(json), incoming.origin(),
                    new DefaultReply(state, service, incoming.callbackId(), json));
        } catch (IllegalArgumentException e) {
            // Bad input from the client: worth a debug line, not a stack trace in the server log.
            LOG.debug("Service '{}' rejected a message from socket {}: {}", service.name, state.id(), e.getMessage());
            errors.send(state, service, incoming.callbackId(), ErrorReplies.messageOf(e), e);
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.error("Service '{}' failed on a message from socket {}", service.name, state.id(), e);
            errors.send(state, service, incoming.callbackId(), ErrorReplies.messageOf(e), e);
        } finally {
            if (LOG.isDebugEnabled()) {
                LOG.debug("Service '{}' handled a message from socket {} in {} us", service.name, state.id(),
                        (System.nanoTime() - started) / 1000);
            }
        }
    }
}
