package dev.rts.transport.undertow.internal;

import dev.rts.core.Admission;
import dev.rts.core.spi.Transport;
import dev.rts.core.spi.TransportHost;
import dev.rts.core.spi.TransportSettings;
import dev.rts.transport.undertow.UndertowTransport;
import io.undertow.Handlers;
import dev.rts.core.spi.ConnectionLimits;
import dev.rts.api.LogLimiter;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.ssl.SslConnection;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.slf4j.LoggerFactory;

/**
 * The Undertow server: one HTTP listener that upgrades WebSockets at the configured path, serves the client bundle
 * and, optionally, a static directory.
 */
public final class UndertowServer implements Transport {

    static final Logger LOG = LoggerFactory.getLogger("rts.undertow");
    static final String CLIENT_RESOURCE = "/dev/rts/transport/undertow/ws-transport.js";
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TransportSettings settings;
    private final Set<UndertowConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object closedSignal = new Object();
    private final LogLimiter refusedOrigins = new LogLimiter(LOG, 10_000_000_000L);
    private final LogLimiter slowConsumers = new LogLimiter(LOG, 10_000_000_000L);
    private final LogLimiter refusedUpgrades = new LogLimiter(LOG, 10_000_000_000L);
    private XnioWorker worker;
    private DefaultByteBufferPool bufferPool;
    private AcceptingChannel<? extends StreamConnection> server;
    private ConnectionGate gate;
    private volatile OriginCheck origins;
    private volatile TransportHost host;
    private int port = -1;

    /**
     * Creates an unstarted server.
     *
     * @param settings the socket settings
     */
    public UndertowServer(TransportSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return UndertowTransport.NAME;
    }

    @Override
    public String clientScript() {
        try (InputStream in = UndertowServer.class.getResourceAsStream(CLIENT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The browser transport " + CLIENT_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void start(TransportHost transportHost) throws IOException {
        if (worker != null) {
            throw new IllegalStateException("Undertow transport already started");
        }
        if (settings.production() && settings.allowedOrigins().isEmpty()) {
            throw new IllegalStateException("A production server must say which web pages may connect: call "
                    + "RtsServer.builder().allowedOrigins(List.of(\"https://app.example.com\")), or allowAnyOrigin() "
                    + "for a public API");
        }
        this.host = transportHost;
        HttpHandler fallback = settings.staticDirectory().map(UndertowServer::staticFiles)
                .orElse(UndertowServer::notFound);
        HttpHandler sockets = Handlers.websocket(this::onConnect, fallback);
        ClientScriptHandler clientScript = new ClientScriptHandler(transportHost);
        HttpHandler root = exchange -> {
            try {
                String path = exchange.getRequestPath();
                if (path.equals("/rts/client.js")) {
                    clientScript.handleRequest(exchange);
                } else if (path.equals(settings.path()) && isUpgrade(exchange)) {
                    String refusal = origins.refusal(exchange);
                    if (refusal != null) {
                        refusedOrigins.info("Refused a WebSocket from {}: {}",
                                Handshakes.client(exchange, settings.trustedProxies()), refusal);
                        exchange.setStatusCode(StatusCodes.FORBIDDEN);
                        exchange.setPersistent(false);
                        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
                        exchange.getResponseSender().send(OriginCheck.REFUSAL_BODY);
                        return;
                    }
                    authenticateThenUpgrade(exchange, sockets);
                } else {
                    fallback.handleRequest(exchange);
                }
            } catch (Error e) {
                host.fatalError(e);
                throw e;
            }
        };
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadGroup threads = new ThreadGroup("rts-undertow") {
            @Override
            public void uncaughtException(Thread thread, Throwable failure) {
                if (failure instanceof Error error) {
                    transportHost.fatalError(error);
                } else {
                    LOG.error("Uncaught exception on Undertow thread '{}'", thread.getName(), failure);
                }
            }
        };
        worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(threads, OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads)
                .set(Options.WORKER_TASK_CORE_THREADS, ioThreads * 2)
                .set(Options.WORKER_TASK_MAX_THREADS, ioThreads * 2)
                .set(Options.TCP_NODELAY, true)
                .getMap());
        ConnectionLimits limits = settings.limits();
        int headerTimeout = (int) Math.min(Integer.MAX_VALUE, limits.requestHeaderTimeout().toMillis());
        OptionMap undertowOptions = OptionMap.builder()
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, headerTimeout)
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, headerTimeout)
                .set(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderSize())
                .getMap();
        bufferPool = new DefaultByteBufferPool(true, 16 * 1024 - 20, -1, 4);
        HttpOpenListener http = new HttpOpenListener(bufferPool,
                undertowOptions);
        http.setRootHandler(root);
        OptionMap.Builder socketOptionsBuilder = OptionMap.builder()
                .set(Options.TCP_NODELAY, true)
                .set(Options.REUSE_ADDRESSES, true)
                .set(Options.BACKLOG, 1024);
        if (limits.socketSendBuffer() > 0) {
            socketOptionsBuilder.set(Options.SEND_BUFFER, limits.socketSendBuffer());
        }
        OptionMap socketOptions = socketOptionsBuilder.getMap();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port());
        boolean tls = settings.tls().isPresent();
        gate = new ConnectionGate(limits, http, transportHost, !tls, settings.trustedProxies());
        try {
            if (tls) {
                UndertowXnioSsl ssl = new UndertowXnioSsl(worker.getXnio(), OptionMap.EMPTY, settings.tls().get());
                // The gate handles any StreamConnection; XNIO's signature wants one typed for TLS connections.
                @SuppressWarnings({"unchecked", "rawtypes"})
                ChannelListener<AcceptingChannel<SslConnection>> tlsGate = (ChannelListener) gate;
                server = ssl.createSslConnectionServer(worker, address, tlsGate, socketOptions);
            } else {
                server = worker.createStreamConnectionServer(address, gate, socketOptions);
            }
        } catch (IOException | RuntimeException e) {
            worker.shutdownNow();
            worker = null;
            throw e;
        }
        server.resumeAccepts();
        port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        origins = new OriginCheck(settings.allowedOrigins(), tls ? "https" : "http", port);
        LOG.info("Undertow listening on {}://{}:{}, WebSocket path {}", tls ? "https" : "http", settings.host(), port,
                settings.path());
    }

    /**
     * Asks the server's authenticator about the upgrade without holding the I/O thread: the exchange is dispatched
     * (kept open) until the decision comes, then upgraded or answered with the refusal on its I/O thread.
     */
    private void authenticateThenUpgrade(HttpServerExchange exchange, HttpHandler sockets) throws Exception {
        CompletableFuture<Admission> decision = host.authenticate(Handshakes.request(exchange,
                settings.trustedProxies()));
        if (decision.isDone()) {
            upgradeOrRefuse(exchange, decision.join(), sockets);
            return;
        }
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> decision.whenComplete((admission, failure) ->
                exchange.dispatch(exchange.getIoThread(), (HttpHandler) ex -> {
                    try {
                        upgradeOrRefuse(ex, admission, sockets);
                    } catch (Error e) {
                        host.fatalError(e);
                        throw e;
                    }
                })));
    }

    private void upgradeOrRefuse(HttpServerExchange exchange, Admission admission, HttpHandler sockets)
            throws Exception {
        if (admission instanceof Admission.Admitted admitted) {
            Handshakes.admit(exchange, admitted, settings.trustedProxies());
            sockets.handleRequest(exchange);
            return;
        }
        Admission.Refused refused = (Admission.Refused) admission;
        refusedUpgrades.info("Refused a WebSocket from {} with {}: {}",
                Handshakes.client(exchange, settings.trustedProxies()), refused.status(),
                refused.body());
        exchange.setStatusCode(refused.status());
        exchange.setPersistent(false);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(refused.body());
    }

    private static boolean isUpgrade(HttpServerExchange exchange) {
        String upgrade = exchange.getRequestHeaders().getFirst(Headers.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        try {
            connect(channel, Handshakes.upgraded(exchange));
        } catch (Error e) {
            host.fatalError(e);
            throw e;
        }
    }

    private void connect(WebSocketChannel channel, Handshakes.Upgrade upgrade) {
        String ip = upgrade.client();
        boolean countedForClient = upgrade.forwarded();
        if (countedForClient && !gate.admitForwarded(ip)) {
            // Refused after the upgrade: the proxy's HTTP connection was admitted before it named the client.
            WebSockets.sendClose(1008, gate.perAddressRefusal(), channel, null);
            channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), 2, TimeUnit.SECONDS);
            return;
        }
        UndertowConnection connection = new UndertowConnection(channel, newSocketId(), ip, settings, slowConsumers);
        connections.add(connection);
        channel.addCloseTask(ch -> {
            if (countedForClient) {
                gate.releaseForwarded(ip);
            }
            XnioKeys.cancel(connection.pinger);
            connections.remove(connection);
            synchronized (closedSignal) {
                closedSignal.notifyAll();
            }
            host.closed(connection, connection.peerCloseCode, connection.peerCloseReason);
        });
        host.opened(connection, upgrade.admission());
        channel.getReceiveSetter().set(new FrameListener(connection, host, settings.maxFrameSize()));
        long idleNanos = settings.idleTimeout().toNanos();
        // Ticks at least once a second so that a reader stuck over its queue limit is dropped close to its grace.
        long tickMillis = Math.min(settings.pingInterval().toMillis(), 1000);
        connection.pinger = channel.getIoThread().executeAtInterval(() -> connection.tick(idleNanos,
                settings.pingInterval().toNanos()), tickMillis, TimeUnit.MILLISECONDS);
        channel.resumeReceives();
    }

    private static String newSocketId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static HttpHandler staticFiles(Path directory) {
        HttpHandler files = new ResourceHandler(new PathResourceManager(directory, 1024), UndertowServer::notFound)
                .setWelcomeFiles("index.html");
        // Revalidate every time: after a live reload the browser must run the edited file, not a cached copy.
        return exchange -> {
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
            files.handleRequest(exchange);
        };
    }

    private static void notFound(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.NOT_FOUND);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send("Not found");
    }

    @Override
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("Undertow transport not started");
        }
        return port;
    }

    @Override
    public synchronized void stop() {
        if (worker == null) {
            return;
        }
        IoUtils.safeClose(server);
        for (UndertowConnection connection : connections) {
            connection.close(1001, "Server stopping");
        }
        // Close tasks run on I/O threads and signal each removal; wait for them, bounded by the grace period.
        long deadline = System.nanoTime() + STOP_GRACE_NANOS;
        synchronized (closedSignal) {
            long left;
            while (!connections.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(closedSignal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(STOP_GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker = null;
        // Direct buffers cached per thread go back to the system now, not at some later garbage collection.
        bufferPool.close();
        LOG.info("Undertow stopped");
    }

    /** Cancels xnio timer keys without caring whether they already fired. */
    static final class XnioKeys {
        private XnioKeys() {
        }

        static void cancel(org.xnio.XnioExecutor.Key key) {
            if (key != null) {
                key.remove();
            }
        }
    }
}
