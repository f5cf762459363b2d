package dev.rts.core;

import dev.rts.api.Api;
import dev.rts.api.ClusterBus;
import dev.rts.api.Service;
import dev.rts.api.ServiceOptions;
import dev.rts.core.internal.DefaultRtsServer;
import dev.rts.core.internal.FatalErrors;
import dev.rts.core.internal.PemFiles;
import dev.rts.core.internal.ServerConfig;
import dev.rts.core.internal.ServerLimits;
import dev.rts.core.spi.ConnectionLimits;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.Transport;
import dev.rts.core.spi.TransportSettings;
import dev.rts.core.spi.TrustedProxies;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Configures an {@link RtsServer}. Not thread-safe; each setter validates its argument at once and names it in the
 * error.
 */
public final class RtsServerBuilder {

    private final List<ServerConfig.Mount> mounts = new ArrayList<>();
    private final Map<String, ServiceOptions> discoveredOptions = new LinkedHashMap<>();
    private final Set<String> excluded = new LinkedHashSet<>();
    private final List<Middleware> middleware = new ArrayList<>();
    private final List<Consumer<Api>> startHooks = new ArrayList<>();
    private boolean discoverServices = true;
    private SessionStore sessionStore;
    private Duration sessionMaxAge = Duration.ofDays(1);
    private ExecutorService executor;
    private Transport transport;
    private ClusterBus clusterBus;
    private String host = "0.0.0.0";
    private int maxSessions = 100_000;
    private Duration anonymousSessionMaxAge = Duration.ofMinutes(5);
    private int newSessionsPerSecond = 20;
    private int newSessionBurst = 100;
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private int messagesPerSecond = 100;
    private int messageBurst = 200;
    private boolean stackTracesToClients;
    private Consumer<Error> fatalErrorHandler = FatalErrors::logAndHalt;
    private int maxConnections = 10_000;
    private int maxConnectionsPerAddress = 256;
    private TrustedProxies trustedProxies = TrustedProxies.NONE;
    private Duration requestHeaderTimeout = Duration.ofSeconds(10);
    private int maxHeaderSize = 16 * 1024;
    private int socketSendBuffer;
    private Duration slowConsumerGrace = Duration.ofSeconds(5);
    private int port = 3001;
    private String path = "/";
    private List<String> allowedOrigins = List.of();
    private int maxFrameSize = 64 * 1024;
    private long maxQueuedBytes = 1024 * 1024;
    private int maxPendingMessages = 256;
    private Duration pingInterval = Duration.ofSeconds(25);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Path staticDirectory;
    private SSLContext tls;
    private boolean production;
    private Path root = Path.of("").toAbsolutePath();
    private String sessionCookieName = "connect.sid";
    private Authenticator authenticator;
    private Duration authenticationTimeout = Duration.ofSeconds(10);

    RtsServerBuilder() {
    }

    /**
     * Mounts a service under its default name, with no options.
     *
     * @param service the service
     * @return this builder
     */
    public RtsServerBuilder service(Service service) {
        Objects.requireNonNull(service, "service");
        return service(service.name(), service, Map.of());
    }

    /**
     * Mounts a service under a name of the app's choosing, with options.
     *
     * @param name    the mount name: 1 to 12 characters of {@code [A-Za-z0-9_-]}
     * @param service the service
     * @param options the options the service reads through {@code ServiceContext.options()}
     * @return this builder
     */
    public RtsServerBuilder service(String name, Service service, Map<String, ?> options) {
        Objects.requireNonNull(service, "service");
        mounts.add(new ServerConfig.Mount(ServerConfig.checkName(name, service.getClass()), service,
                ServiceOptions.of(options)));
        return this;
    }

    /**
     * Whether to mount every service found with {@link java.util.ServiceLoader} (default {@code true}). Services
     * mounted explicitly come first; a discovered service of the same class as an explicit one is skipped.
     *
     * @param discover {@code false} to mount only explicit services, as tests usually do
     * @return this builder
     */
    public RtsServerBuilder discoverServices(boolean discover) {
        this.discoverServices = discover;
        return this;
    }

    /**
     * Options for a discovered service, by its default name.
     *
     * @param name    the service's default name
     * @param options its options
     * @return this builder
     */
    public RtsServerBuilder configure(String name, Map<String, ?> options) {
        discoveredOptions.put(Objects.requireNonNull(name, "name"), ServiceOptions.of(options));
        return this;
    }

    /**
     * Leaves a discovered service out, by its default name.
     *
     * @param name the service's default name
     * @return this builder
     */
    public RtsServerBuilder exclude(String name) {
        excluded.add(Objects.requireNonNull(name, "name"));
        return this;
    }

    /**
     * Adds request middleware; middleware runs in the order added.
     *
     * @param middleware the middleware
     * @return this builder
     */
    public RtsServerBuilder middleware(Middleware middleware) {
        this.middleware.add(Objects.requireNonNull(middleware, "middleware"));
        return this;
    }

    /**
     * Runs app code once every service has started and before the transport accepts the first connection: the
     * place to register rpc namespaces or subscribe to events, so that no early client finds them missing. Hooks run
     * in the order added, on the thread that calls {@link RtsServer#start()}; one that throws fails the start.
     *
     * @param hook receives the shared api
     * @return this builder
     */
    public RtsServerBuilder onStart(Consumer<Api> hook) {
        startHooks.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /**
     * Where sessions are kept. By default, the store a {@link dev.rts.core.spi.SessionStoreProvider} on the class path
     * offers when configured (such as {@code rts-redis} with {@code RTS_REDIS_URL} set), else in memory; either way
     * expiring after {@link #sessionMaxAge(Duration)}.
     *
     * @param store the store; the server closes it on stop
     * @return this builder
     */
    public RtsServerBuilder sessionStore(SessionStore store) {
        this.sessionStore = Objects.requireNonNull(store, "sessionStore");
        return this;
    }

    /**
     * How long a discovered or the default in-memory store keeps a session after it was last used (default 1 day).
     *
     * @param maxAge a positive duration
     * @return this builder
     */
    public RtsServerBuilder sessionMaxAge(Duration maxAge) {
        this.sessionMaxAge = positive("sessionMaxAge", maxAge);
        return this;
    }

    /**
     * The name of the cookie the browser client keeps the session id in (default {@code connect.sid}).
     *
     * @param name a cookie name of letters, digits, {@code .}, {@code _} or {@code -}
     * @return this builder
     */
    public RtsServerBuilder sessionCookieName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("sessionCookieName must be 1 to 64 characters of [A-Za-z0-9._-] but was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        this.sessionCookieName = name;
        return this;
    }

    /**
     * The executor that runs service handlers and middleware (default: a pool of daemon threads, shut down on stop).
     * An executor given here is not shut down by the server.
     *
     * @param executor the executor; it must not run tasks on the calling thread
     * @return this builder
     */
    public RtsServerBuilder executor(ExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * The transport (default: the one found with {@link java.util.ServiceLoader}, configured with this builder's
     * socket settings).
     *
     * @param transport the transport
     * @return this builder
     */
    public RtsServerBuilder transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /**
     * The cluster bus that connects this server to the other server processes of the app (default: the one created
     * by the only {@link dev.rts.core.spi.ClusterBusProvider} found with {@link java.util.ServiceLoader}, else a
     * private in-process bus reaching this server only). Services reach it through
     * {@link dev.rts.api.ServiceContext#bus()}. The server does not close a bus given here: close it after stopping
     * the server, which lets several servers in one JVM share an {@link InProcessBus}'s nodes in tests.
     *
     * @param bus this server's link to the bus; one per server, since it carries the server's node id
     * @return this builder
     */
    public RtsServerBuilder clusterBus(ClusterBus bus) {
        this.clusterBus = Objects.requireNonNull(bus, "clusterBus");
        return this;
    }

    /**
     * The interface to bind (default {@code 0.0.0.0}).
     *
     * @param host a host name or address
     * @return this builder
     */
    public RtsServerBuilder host(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        this.host = host;
        return this;
    }

    /**
     * The port (default 3001); 0 picks a free one, see {@link RtsServer#port()}.
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public RtsServerBuilder port(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * The WebSocket path (default {@code /}, where the reference browser client connects).
     *
     * @param path an absolute path
     * @return this builder
     */
    public RtsServerBuilder path(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/' but was "
                    + (path == null ? "null" : "'" + path + "'"));
        }
        this.path = path;
        return this;
    }

    /**
     * Origins allowed to open a socket from a browser, such as {@code https://app.example.com} (scheme, host and port
     * must match exactly). By default, in development, only pages from {@code localhost}, {@code 127.0.0.1} or
     * {@code [::1]} on the server's own port and scheme may connect; in production the server refuses to start until
     * this or {@link #allowAnyOrigin()} is set. The Host header is never trusted for this, so DNS rebinding cannot
     * pass. Clients that send no Origin header (not browsers) are always allowed.
     *
     * @param origins the allowed origins, each {@code http(s)://host[:port]}
     * @return this builder
     * @throws IllegalArgumentException if an entry is not an origin
     */
    public RtsServerBuilder allowedOrigins(List<String> origins) {
        for (String origin : origins) {
            if (origin == null || !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("allowedOrigins entries must be 'http(s)://host[:port]' but got "
                        + (origin == null ? "null" : "'" + origin + "'") + "; use allowAnyOrigin() to allow any");
            }
        }
        this.allowedOrigins = List.copyOf(origins);
        return this;
    }

    /**
     * Lets pages from any origin open a socket: for public APIs only, since any web page a user visits can then use
     * the user's session cookie to talk to this server.
     *
     * @return this builder
     */
    public RtsServerBuilder allowAnyOrigin() {
        this.allowedOrigins = List.of("*");
        return this;
    }

    /**
     * The largest inbound frame, in bytes (default 64 KiB). A larger frame closes its connection with code 1009.
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public RtsServerBuilder maxFrameSize(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxFrameSize must be at least 1024 bytes but was " + bytes);
        }
        this.maxFrameSize = bytes;
        return this;
    }

    /**
     * The most bytes queued for sending to one connection (default 1 MiB). A connection that falls further behind is
     * closed with code 1008, so one slow reader never holds memory or delays others. The Undertow transport counts
     * each queued frame as its bytes plus 600, about what it holds per frame besides them, so that many tiny frames
     * are bounded by the memory they take.
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public RtsServerBuilder maxQueuedBytes(long bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxQueuedBytes must be at least 1024 bytes but was " + bytes);
        }
        this.maxQueuedBytes = bytes;
        return this;
    }

    /**
     * The most inbound messages waiting for a worker per connection (default 256). Past it, messages are dropped and
     * the client gets one error frame per overflow.
     *
     * @param messages at least 1
     * @return this builder
     */
    public RtsServerBuilder maxPendingMessages(int messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("maxPendingMessages must be at least 1 but was " + messages);
        }
        this.maxPendingMessages = messages;
        return this;
    }

    /**
     * How often idle connections are pinged (default 25 s).
     *
     * @param interval a positive duration
     * @return this builder
     */
    public RtsServerBuilder pingInterval(Duration interval) {
        this.pingInterval = positive("pingInterval", interval);
        return this;
    }

    /**
     * How long a connection may stay silent, pongs included, before it is closed (default 60 s).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public RtsServerBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = positive("idleTimeout", timeout);
        return this;
    }

    /**
     * A directory of files served over HTTP beside the socket (default none).
     *
     * @param directory an existing directory
     * @return this builder
     */
    public RtsServerBuilder staticDirectory(Path directory) {
        if (directory == null || !java.nio.file.Files.isDirectory(directory)) {
            throw new IllegalArgumentException("staticDirectory must be an existing directory but was "
                    + (directory == null ? "null" : "'" + directory.toAbsolutePath() + "'"));
        }
        this.staticDirectory = directory.toAbsolutePath().normalize();
        return this;
    }

    /**
     * Declares that the app runs in production (default {@code false}). In production, error frames never carry
     * stack traces, and development services such as live reload are off unless explicitly enabled.
     *
     * @param production {@code true} in production
     * @return this builder
     */
    public RtsServerBuilder production(boolean production) {
        this.production = production;
        return this;
    }

    /**
     * The directory under which each service gets its data directory (default: the working directory).
     *
     * @param root a directory path
     * @return this builder
     */
    public RtsServerBuilder root(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        return this;
    }

    /**
     * Listens with TLS (HTTPS and WSS) using the first private key and its certificate chain in a key store, so that
     * a small deployment needs no proxy in front. The store is read now.
     *
     * @param keyStore a PKCS12 or JKS file holding one private key entry and its certificate chain
     * @param password the password of the store and of its key
     * @return this builder
     * @throws IllegalArgumentException if the file cannot be read, the password is wrong or it holds no key
     */
    public RtsServerBuilder tlsKeyStore(Path keyStore, String password) {
        Objects.requireNonNull(keyStore, "tlsKeyStore");
        Objects.requireNonNull(password, "tlsKeyStore password");
        char[] secret = password.toCharArray();
        KeyStore store;
        try {
            store = KeyStore.getInstance(keyStore.toFile(), secret);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tlsKeyStore '" + keyStore + "' cannot be used: " + e.getMessage()
                    + "; expected a PKCS12 or JKS file and its password", e);
        }
        this.tls = tlsContext(store, secret, "tlsKeyStore '" + keyStore + "'");
        return this;
    }

    /**
     * Listens with TLS (HTTPS and WSS) using PEM files as certbot and most tools write them. The files are read now.
     *
     * @param certificateChain the server's certificate followed by its intermediates, PEM
     * @param privateKey       the certificate's private key, PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}; RSA, EC or
     *                         EdDSA) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), not encrypted
     * @return this builder
     * @throws IllegalArgumentException naming the file and what is wrong with it (an encrypted or SEC1 key is refused
     *                                  with the openssl command that converts it)
     */
    public RtsServerBuilder tlsPem(Path certificateChain, Path privateKey) {
        Objects.requireNonNull(certificateChain, "tlsPem certificateChain");
        Objects.requireNonNull(privateKey, "tlsPem privateKey");
        this.tls = tlsContext(PemFiles.keyStore(certificateChain, privateKey), PemFiles.password(),
                "tlsPem '" + certificateChain + "'");
        return this;
    }

    private static SSLContext tlsContext(KeyStore store, char[] secret, String source) {
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException(source + " holds no private key entry; create "
                        + "one with keytool -genkeypair or openssl pkcs12 -export");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, secret);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * The most sessions the default in-memory store keeps (default 100,000, about 25 MB); past it the least
     * recently used session is evicted. Sessions of open sockets survive eviction. Ignored with a custom store.
     *
     * @param sessions at least 1
     * @return this builder
     */
    public RtsServerBuilder maxSessions(int sessions) {
        this.maxSessions = atLeast("maxSessions", sessions, 1);
        return this;
    }

    /**
     * How long the default in-memory store, or one a provider such as rts-redis makes, keeps an unused anonymous
     * session, one with no user and no attributes (default 5 minutes), so that connects that never use their session
     * cost nothing for long. A store passed to {@link #sessionStore(SessionStore)} has its own setting.
     *
     * @param maxAge a positive duration; capped at {@link #sessionMaxAge(Duration)}
     * @return this builder
     */
    public RtsServerBuilder anonymousSessionMaxAge(Duration maxAge) {
        this.anonymousSessionMaxAge = positive("anonymousSessionMaxAge", maxAge);
        return this;
    }

    /**
     * How many new sessions one remote address may create (default 20 per second, bursts of 100). A connect over
     * the limit gets an error answer and its socket closes with 1008; clients that present their session are never
     * limited. Behind a reverse proxy every client has the proxy's address: raise the limit, or turn it off with
     * {@code Integer.MAX_VALUE}.
     *
     * @param perSecond the sustained rate, at least 1
     * @param burst     how many at once, at least 1
     * @return this builder
     */
    public RtsServerBuilder newSessionsPerAddress(int perSecond, int burst) {
        this.newSessionsPerSecond = atLeast("newSessionsPerAddress perSecond", perSecond, 1);
        this.newSessionBurst = atLeast("newSessionsPerAddress burst", burst, 1);
        return this;
    }

    /**
     * Authenticates every WebSocket upgrade before it happens, and renews credentials over open sockets (see
     * {@link Authenticator}). Refused upgrades get {@code 401} or {@code 403} and no socket; admitted sockets carry
     * the user and claims the authenticator chose ({@code Request.identity()}), their session is bound to that user,
     * and they are closed with 4401 when their credentials expire without a refresh. The browser bundle then includes
     * the refresh add-on. Without an authenticator every socket is anonymous.
     *
     * @param authenticator the authenticator
     * @return this builder
     * @throws NullPointerException if it is {@code null}
     */
    public RtsServerBuilder authenticator(Authenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        return this;
    }

    /**
     * How long the {@link Authenticator} may take to decide about an upgrade or a refresh (default 10 s). Past it
     * the upgrade is answered {@code 503} and the refresh refused, and a line is logged.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public RtsServerBuilder authenticationTimeout(Duration timeout) {
        this.authenticationTimeout = positive("authenticationTimeout", timeout);
        return this;
    }

    /**
     * How long a socket may stay open without completing the connect handshake (default 10 s); then it is closed
     * with 1008 and the reason {@code Connect handshake not completed within 10 s}.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public RtsServerBuilder handshakeTimeout(Duration timeout) {
        this.handshakeTimeout = positive("handshakeTimeout", timeout);
        return this;
    }

    /**
     * Limits the messages each socket may send, with a token bucket (default on: 100 per second, bursts of 200). A
     * message over the limit is dropped and, if it carried a callback id, answered with an error frame naming it.
     *
     * @param perSecond the sustained rate, at least 1
     * @param burst     how many at once, at least 1
     * @return this builder
     */
    public RtsServerBuilder messageRate(int perSecond, int burst) {
        this.messagesPerSecond = atLeast("messageRate perSecond", perSecond, 1);
        this.messageBurst = atLeast("messageRate burst", burst, 1);
        return this;
    }

    /**
     * Turns the per-socket message rate limit off; other bounds (pending messages, frame size) still apply.
     *
     * @return this builder
     */
    public RtsServerBuilder noMessageRateLimit() {
        this.messagesPerSecond = 0;
        this.messageBurst = 0;
        return this;
    }

    /**
     * Whether error frames sent to clients carry the stack trace of the exception behind them (default
     * {@code false}, in development too: behind a proxy every client looks local). Turn on only while debugging.
     *
     * @param send {@code true} to send stack traces
     * @return this builder
     */
    public RtsServerBuilder stackTracesToClients(boolean send) {
        this.stackTracesToClients = send;
        return this;
    }

    /**
     * What to do when an {@link Error} such as {@link OutOfMemoryError} reaches a server thread (an I/O thread or a
     * worker). By default the server logs it and halts the process with exit status 70, so that a supervisor restarts
     * it rather than leave a half-dead process accepting connections. The handler runs on the failing thread.
     *
     * @param handler receives the error; it should stop the process
     * @return this builder
     */
    public RtsServerBuilder onFatalError(Consumer<Error> handler) {
        this.fatalErrorHandler = Objects.requireNonNull(handler, "onFatalError handler");
        return this;
    }

    /**
     * The most open connections, HTTP and WebSocket (default 10,000). Past it a new connection is answered
     * {@code 503} and closed. Keep it below the process's file descriptor limit.
     *
     * @param connections at least 1
     * @return this builder
     */
    public RtsServerBuilder maxConnections(int connections) {
        this.maxConnections = atLeast("maxConnections", connections, 1);
        return this;
    }

    /**
     * The most open connections from one remote address (default 256). Past it a new connection is answered
     * {@code 503} and closed. Behind a reverse proxy, name the proxy with {@link #trustedProxies(List)}: its own
     * connections are then not limited per address, and each WebSocket counts for the client the proxy names (one over
     * the limit is closed with {@code 1008} right after the upgrade).
     *
     * @param connections at least 1
     * @return this builder
     */
    public RtsServerBuilder maxConnectionsPerAddress(int connections) {
        this.maxConnectionsPerAddress = atLeast("maxConnectionsPerAddress", connections, 1);
        return this;
    }

    /**
     * The reverse proxies (nginx, HAProxy, a cloud load balancer) in front of this server, whose
     * {@code X-Forwarded-For} header names the client (default none: the header is ignored, since any client can send
     * it). A socket whose peer is one of them gets the address found by {@link TrustedProxies}' rule as its
     * {@code clientIp}: for the per-address limits (connections, new sessions), the authenticator's
     * {@code remoteAddress}, and logs. List only proxies that overwrite or append to the header.
     *
     * @param proxies IP addresses or CIDR blocks, such as {@code List.of("10.0.0.0/8", "::1")}; host names are refused
     * @return this builder
     * @throws IllegalArgumentException naming an entry that is neither
     */
    public RtsServerBuilder trustedProxies(List<String> proxies) {
        this.trustedProxies = TrustedProxies.of(proxies);
        return this;
    }

    /**
     * How long a client may take to send a complete HTTP request head, and how long an idle HTTP connection waits for
     * its next request (default 10 s); then the connection is closed.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public RtsServerBuilder requestHeaderTimeout(Duration timeout) {
        this.requestHeaderTimeout = positive("requestHeaderTimeout", timeout);
        return this;
    }

    /**
     * The largest HTTP request head in bytes, request line and headers together (default 16 KiB).
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public RtsServerBuilder maxHeaderSize(int bytes) {
        this.maxHeaderSize = atLeast("maxHeaderSize", bytes, 1024);
        return this;
    }

    /**
     * How long a connection's send queue may stay over {@link #maxQueuedBytes(long)} before it is dropped as a slow
     * consumer (default 5 s). A reader that drains a burst in time is kept; a queue of 4 times
     * {@code maxQueuedBytes} drops the connection at once.
     *
     * @param grace a positive duration
     * @return this builder
     */
    public RtsServerBuilder slowConsumerGrace(Duration grace) {
        this.slowConsumerGrace = positive("slowConsumerGrace", grace);
        return this;
    }

    /**
     * The kernel send buffer of each accepted socket ({@code SO_SNDBUF}), in bytes. By default (0) the kernel sizes
     * it itself; on Linux it grows to {@code net.ipv4.tcp_wmem}'s maximum (4 MiB by default) for a peer that does
     * not read, memory that {@link #maxQueuedBytes(long)} does not count. A fixed size bounds what the kernel holds
     * per socket, at some cost to throughput over long, fast links; the kernel may double the value it is given.
     *
     * @param bytes 0 for the kernel's own sizing, else at least 4096
     * @return this builder
     */
    public RtsServerBuilder socketSendBuffer(int bytes) {
        this.socketSendBuffer = bytes == 0 ? 0 : atLeast("socketSendBuffer", bytes, 4096);
        return this;
    }

    /**
     * Builds the server. Services are discovered and validated when it starts.
     *
     * @return an unstarted server
     */
    public RtsServer build() {
        ConnectionLimits connectionLimits = new ConnectionLimits(maxConnections, maxConnectionsPerAddress,
                requestHeaderTimeout, maxHeaderSize, slowConsumerGrace, maxQueuedBytes * 4, socketSendBuffer);
        TransportSettings settings = new TransportSettings(host, port, path, allowedOrigins, maxFrameSize,
                maxQueuedBytes, pingInterval, idleTimeout, Optional.ofNullable(staticDirectory), connectionLimits,
                production, Optional.ofNullable(tls), trustedProxies);
        ServerLimits limits = new ServerLimits(maxSessions, anonymousSessionMaxAge, newSessionsPerSecond,
                newSessionBurst, handshakeTimeout, messagesPerSecond, messageBurst, stackTracesToClients,
                fatalErrorHandler);
        return new DefaultRtsServer(new ServerConfig(List.copyOf(mounts), discoverServices,
                Map.copyOf(discoveredOptions), Set.copyOf(excluded), List.copyOf(middleware),
                Optional.ofNullable(sessionStore), sessionMaxAge, Optional.ofNullable(executor),
                Optional.ofNullable(transport), settings, maxPendingMessages, production, root, sessionCookieName,
                List.copyOf(startHooks), Optional.ofNullable(clusterBus), limits, Optional.ofNullable(authenticator),
                authenticationTimeout));
    }

    private static int atLeast(String property, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(property + " must be at least " + min + " but was " + value);
        }
        return value;
    }

    private static Duration positive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration but was " + value);
        }
        return value;
    }
}
