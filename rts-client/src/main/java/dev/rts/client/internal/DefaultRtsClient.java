package dev.rts.client.internal;

import dev.rts.api.Json;
import dev.rts.client.ClientStatus;
import dev.rts.client.ClientTransport;
import dev.rts.client.RtsClient;
import dev.rts.client.ServiceHandle;
import dev.rts.json.internal.StrictJson;
import dev.rts.protocol.BinaryFrame;
import dev.rts.protocol.Frame;
import dev.rts.protocol.FrameCodec;
import dev.rts.protocol.MalformedFrameException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client: one transport at a time, the handshake, discovery, callback correlation and reconnects.
 */
public final class DefaultRtsClient implements RtsClient {

    static final Logger LOG = LoggerFactory.getLogger("rts.client");
    static final StrictJson JSON = StrictJson.instance();
    static final String VERSION = "0.1.0";
    private static final long CONNECT_CALLBACK = 1;
    private static final long DISCOVER_CALLBACK = 2;
    /** Credentials refreshes count up from here; their answers are told apart from the handshake's by id. */
    private static final long FIRST_REFRESH_CALLBACK = 3;
    private static final int MAX_EARLY_FRAMES = 1000;

    private record Params(int id, String name, Map<String, Boolean> use) {
    }

    private record Entry(Params params) {
    }

    private final Supplier<ClientTransport> transports;
    private final boolean reconnect;
    private final Duration reconnectBase;
    private final Duration reconnectMax;
    private final Map<String, DefaultServiceHandle> byName = new ConcurrentHashMap<>();
    private volatile DefaultServiceHandle[] byId = new DefaultServiceHandle[0];
    /**
     * Frames (text as String, binary as ByteBuffer) that arrived between the handshake and discovery; transport
     * events are never concurrent.
     */
    private final List<Object> early = new java.util.ArrayList<>();
    private final List<Consumer<ClientStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> errorListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<dev.rts.client.ClientMessage>> messageListeners = new CopyOnWriteArrayList<>();
    private volatile String sessionId;
    private volatile boolean ready;
    private ClientTransport current;
    private CompletableFuture<Void> firstReady;
    private boolean stopped;
    private int attempt;
    private ScheduledExecutorService timer;
    private final Supplier<String> tokens;
    private long refreshCallback = FIRST_REFRESH_CALLBACK;
    private java.util.concurrent.ScheduledFuture<?> refresh;

    /**
     * Creates an unconnected client.
     *
     * @param transports    creates a transport per connection attempt
     * @param sessionId     the session to resume, or {@code null}
     * @param reconnect     whether to reconnect after a drop
     * @param reconnectBase first backoff bound
     * @param reconnectMax  largest backoff bound
     */
    public DefaultRtsClient(Supplier<ClientTransport> transports, String sessionId, boolean reconnect,
                            Duration reconnectBase, Duration reconnectMax) {
        this(transports, sessionId, reconnect, reconnectBase, reconnectMax, null);
    }

    /**
     * Creates an unconnected client that renews its credentials over the socket before they expire.
     *
     * @param transports    creates a transport per connection attempt
     * @param sessionId     the session to resume, or {@code null}
     * @param reconnect     whether to reconnect after a drop
     * @param reconnectBase first backoff bound
     * @param reconnectMax  largest backoff bound
     * @param tokens        the app's current token for refreshes, or {@code null} to never refresh
     */
    public DefaultRtsClient(Supplier<ClientTransport> transports, String sessionId, boolean reconnect,
                            Duration reconnectBase, Duration reconnectMax, Supplier<String> tokens) {
        this.tokens = tokens;
        this.transports = transports;
        this.sessionId = sessionId;
        this.reconnect = reconnect;
        this.reconnectBase = reconnectBase;
        this.reconnectMax = reconnectMax;
    }

    @Override
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> attempt;
        ClientTransport transport;
        synchronized (this) {
            if (stopped) {
                return CompletableFuture.failedFuture(new IllegalStateException("Client was disconnected; build a new "
                        + "one"));
            }
            // A new attempt when there was none, when the last one failed, or when the connection dropped and will
            // not come back by itself; otherwise the app would wait on a settled future while nothing tries to connect.
            boolean idle = current == null && firstReady != null && firstReady.isDone()
                    && (firstReady.isCompletedExceptionally() || !reconnect);
            if (firstReady != null && !idle) {
                return firstReady;
            }
            firstReady = new CompletableFuture<>();
            attempt = firstReady;
            transport = newTransport();
        }
        open(transport);
        return attempt;
    }

    /** Creates the transport of the next attempt and makes it current. */
    private synchronized ClientTransport newTransport() {
        ClientTransport transport;
        try {
            transport = transports.get();
        } catch (RuntimeException e) {
            transport = new Unopenable("Cannot create a transport: " + e);
        }
        current = transport;
        return transport;
    }

    /**
     * Opens a transport, outside the client's lock: a transport may report events from inside {@code open}, and the
     * listeners they reach are app code. One that throws counts as a connection that closed at once.
     */
    private void open(ClientTransport transport) {
        try {
            transport.open(new ClientTransport.Listener() {
                @Override
                public void onOpen() {
                    opened(transport);
                }

                @Override
                public void onText(String frame) {
                    if (isCurrent(transport)) {
                        received(frame);
                    }
                }

                @Override
                public void onBinary(ByteBuffer frame) {
                    if (isCurrent(transport)) {
                        received(frame);
                    }
                }

                @Override
                public void onClose(int code, String reason) {
                    closed(transport, code, reason);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Transport {} failed to open", transport, e);
            closed(transport, 1006, "Cannot open: " + e.getMessage());
        }
    }

    /** Stands for a transport that could not be created: it closes as soon as it is opened. */
    private record Unopenable(String reason) implements ClientTransport {
        @Override
        public void open(Listener listener) {
            listener.onClose(1006, reason);
        }

        @Override
        public boolean send(String frame) {
            return false;
        }

        @Override
        public boolean sendBinary(ByteBuffer frame) {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private synchronized boolean isCurrent(ClientTransport transport) {
        return transport == current;
    }

    private void opened(ClientTransport transport) {
        if (!isCurrent(transport)) {
            return;
        }
        // Frames an earlier connection held for a discovery that never came are not this connection's: its services
        // may have other ids.
        early.clear();
        status(ClientStatus.OPEN);
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("c", "connect");
        connect.put("v", VERSION);
        connect.put("sessionId", sessionId == null ? Boolean.FALSE : sessionId);
        transport.send(FrameCodec.encode(0, true, CONNECT_CALLBACK, JSON.encode(connect)));
    }

    private void received(String text) {
        try {
            int serviceId = FrameCodec.serviceId(text);
            if (serviceId == 0) {
                system(FrameCodec.decode(text, true));
                return;
            }
            DefaultServiceHandle handle = handleOrHold(serviceId, text);
            if (handle == null) {
                return;
            }
            Frame frame = FrameCodec.decode(text, handle.callbacks);
            handle.received(frame.callbackId(), frame.payload(), null);
        } catch (MalformedFrameException e) {
            LOG.warn("Malformed frame from the server ignored: {}", e.getMessage());
        }
    }

    private void received(ByteBuffer bytes) {
        try {
            DefaultServiceHandle handle = handleOrHold(FrameCodec.serviceId(bytes), bytes);
            if (handle != null) {
                BinaryFrame frame = FrameCodec.decode(bytes, handle.callbacks);
                handle.received(frame.callbackId(), null, frame.payload());
            }
        } catch (MalformedFrameException e) {
            LOG.warn("Malformed binary frame from the server ignored: {}", e.getMessage());
        }
    }

    /**
     * The handle for a service id, or {@code null} when the frame was held until discovery or dropped. The system
     * service never sends binary frames.
     */
    private DefaultServiceHandle handleOrHold(int serviceId, Object frame) {
        DefaultServiceHandle[] services = byId;
        DefaultServiceHandle handle = serviceId > 0 && serviceId < services.length ? services[serviceId] : null;
        if (handle == null) {
            if (!ready && serviceId > 0 && early.size() < MAX_EARLY_FRAMES) {
                // Services may push right after the handshake, before discovery told us their ids.
                early.add(frame);
            } else {
                LOG.warn("Frame for unknown service id {} ignored", serviceId);
            }
        }
        return handle;
    }

    private void system(Frame frame) {
        if (frame.callbackId() == CONNECT_CALLBACK) {
            Map<?, ?> answer = JSON.decode(frame.payload(), Map.class);
            sessionId = String.valueOf(answer.get("sessionId"));
            scheduleRefresh(answer.get("expiresIn"));
            write(FrameCodec.encode(0, true, DISCOVER_CALLBACK, "{\"c\":\"discover\",\"p\":{}}"), true);
        } else if (frame.callbackId() == DISCOVER_CALLBACK) {
            List<Entry> entries = List.of(JSON.<Entry[]>decode(frame.payload(), Entry[].class));
            install(entries);
            List<Object> held = List.copyOf(early);
            early.clear();
            CompletableFuture<Void> first;
            synchronized (this) {
                ready = true;
                attempt = 0;
                first = firstReady;
            }
            status(ClientStatus.READY);
            held.forEach(early -> {
                if (early instanceof String text) {
                    received(text);
                } else {
                    received((ByteBuffer) early);
                }
            });
            first.complete(null);
        } else if (frame.callbackId() >= FIRST_REFRESH_CALLBACK) {
            Map<?, ?> answer = JSON.decode(frame.payload(), Map.class);
            scheduleRefresh(answer.get("expiresIn"));
        } else {
            error(JSON.decode(frame.payload(), Map.class));
        }
    }

    /**
     * Plans the next credentials refresh a third of their lifetime before they expire (at most a minute early), if
     * the server said when they expire and the app gave a token supplier.
     */
    private synchronized void scheduleRefresh(Object expiresIn) {
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
        if (tokens == null || !(expiresIn instanceof Number millis) || stopped) {
            return;
        }
        long lifetime = millis.longValue();
        long delay = lifetime - Math.min(lifetime / 3, 60_000);
        refresh = timer().schedule(this::refresh, Math.max(0, delay), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        String token;
        try {
            token = tokens.get();
        } catch (RuntimeException e) {
            LOG.warn("The token supplier failed; the credentials were not refreshed", e);
            return;
        }
        if (token == null) {
            return;
        }
        long id;
        synchronized (this) {
            id = refreshCallback++;
        }
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("c", "refresh");
        command.put("token", token);
        write(FrameCodec.encode(0, true, id, JSON.encode(command)), true);
    }

    private void install(List<Entry> entries) {
        int max = 0;
        for (Entry entry : entries) {
            max = Math.max(max, entry.params().id());
        }
        DefaultServiceHandle[] ids = new DefaultServiceHandle[max + 1];
        Set<String> offered = new HashSet<>();
        for (Entry entry : entries) {
            offered.add(entry.params().name());
        }
        // A service this server does not offer keeps its handle, unusable until a server offers it again: its old id
        // may now belong to another service.
        byName.forEach((name, handle) -> {
            if (!offered.contains(name)) {
                handle.id = -1;
            }
        });
        for (Entry entry : entries) {
            Params params = entry.params();
            DefaultServiceHandle handle = byName.computeIfAbsent(params.name(), n -> new DefaultServiceHandle(n, this));
            Map<String, Boolean> use = params.use() == null ? Map.of() : params.use();
            handle.id = params.id();
            handle.json = Boolean.TRUE.equals(use.get("json"));
            handle.callbacks = Boolean.TRUE.equals(use.get("callbacks"));
            handle.binary = Boolean.TRUE.equals(use.get("binary"));
            ids[params.id()] = handle;
        }
        byId = ids;
    }

    private void error(Map<?, ?> error) {
        String message = String.valueOf(error.get("message"));
        Object serviceId = error.get("serviceId");
        Object callbackId = error.get("callbackId");
        if (serviceId instanceof Number sid && callbackId instanceof Number cid) {
            if (sid.intValue() == 0 && cid.longValue() >= FIRST_REFRESH_CALLBACK) {
                // A refused refresh: the socket keeps its credentials until they expire, then closes with 4401.
                LOG.warn("Credentials refresh refused: {}", message);
            } else if (sid.intValue() == 0) {
                LOG.warn("Handshake failed: {}", message);
                failFirst(new dev.rts.client.RtsErrorException(message));
                return;
            }
            DefaultServiceHandle[] services = byId;
            int index = sid.intValue();
            if (index < services.length && services[index] != null && services[index].failed(cid.longValue(),
                    message)) {
                return;
            }
        }
        for (Consumer<String> listener : errorListeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("Error listener failed", e);
            }
        }
    }

    private void closed(ClientTransport transport, int code, String reason) {
        boolean retry;
        CompletableFuture<Void> first;
        long delay = 0;
        synchronized (this) {
            if (transport != current) {
                return;
            }
            current = null;
            ready = false;
            if (refresh != null) {
                refresh.cancel(false);
                refresh = null;
            }
            first = firstReady;
            retry = reconnect && !stopped && first != null && first.isDone() && !first.isCompletedExceptionally();
            if (retry) {
                long bound = Math.min(reconnectMax.toMillis(), reconnectBase.toMillis() << Math.min(attempt, 20));
                delay = ThreadLocalRandom.current().nextLong(bound + 1);
                attempt++;
            }
        }
        String why = "Connection closed before a reply (code " + code + (reason.isEmpty() ? "" : ", " + reason) + ")";
        byName.values().forEach(handle -> handle.failAll(why));
        status(ClientStatus.CLOSED);
        if (first != null && !first.isDone()) {
            first.completeExceptionally(new dev.rts.client.RtsErrorException("Could not connect: " + why));
        }
        if (retry) {
            status(ClientStatus.RECONNECTING);
            scheduleReconnect(delay);
        }
    }

    private synchronized void scheduleReconnect(long delayMillis) {
        if (stopped) {
            return;
        }
        timer().schedule(() -> {
            ClientTransport transport;
            synchronized (this) {
                if (stopped || current != null) {
                    return;
                }
                transport = newTransport();
            }
            open(transport);
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rts-client-timer");
                t.setDaemon(true);
                return t;
            });
        }
        return timer;
    }

    private void failFirst(RuntimeException error) {
        CompletableFuture<Void> first;
        synchronized (this) {
            first = firstReady;
        }
        if (first != null) {
            first.completeExceptionally(error);
        }
    }

    /** Sends a service frame if ready; returns false otherwise. */
    boolean write(String frame) {
        return write(frame, false);
    }

    private boolean write(String frame, boolean handshake) {
        ClientTransport transport = writable(handshake);
        return transport != null && transport.send(frame);
    }

    /** Sends a binary service frame if ready; returns false otherwise. */
    boolean writeBinary(ByteBuffer frame) {
        ClientTransport transport = writable(false);
        return transport != null && transport.sendBinary(frame);
    }

    private synchronized ClientTransport writable(boolean handshake) {
        return current == null || (!ready && !handshake) ? null : current;
    }

    private void status(ClientStatus status) {
        for (Consumer<ClientStatus> listener : statusListeners) {
            try {
                listener.accept(status);
            } catch (RuntimeException e) {
                LOG.warn("Status listener failed", e);
            }
        }
    }

    @Override
    public Json json() {
        return JSON;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public Set<String> services() {
        Set<String> names = new TreeSet<>();
        byName.forEach((name, handle) -> {
            if (handle.id >= 0) {
                names.add(name);
            }
        });
        return names;
    }

    @Override
    public ServiceHandle service(String name) {
        DefaultServiceHandle handle = byName.get(name);
        if (handle == null || handle.id < 0) {
            throw new IllegalArgumentException("The server offers no service named '" + name + "'; it offers "
                    + services() + (sessionId == null ? " (not connected yet: call connect() first)" : ""));
        }
        return handle;
    }

    @Override
    public void onStatus(Consumer<ClientStatus> listener) {
        statusListeners.add(listener);
    }

    @Override
    public void onMessage(Consumer<dev.rts.client.ClientMessage> listener) {
        messageListeners.add(listener);
    }

    /** Tells the client-wide listeners; called by handles for messages that answer no call. */
    void pushed(dev.rts.client.ClientMessage message) {
        for (Consumer<dev.rts.client.ClientMessage> listener : messageListeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("Message listener failed", e);
            }
        }
    }

    @Override
    public void onError(Consumer<String> listener) {
        errorListeners.add(listener);
    }

    @Override
    public void disconnect() {
        ClientTransport transport;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            transport = current;
            if (timer != null) {
                timer.shutdownNow();
            }
        }
        if (transport != null) {
            transport.close();
        }
    }
}
