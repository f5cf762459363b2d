package dev.rts.example;

import dev.rts.api.Api;
import dev.rts.api.ClusterBus;
import dev.rts.api.Session;
import dev.rts.core.RtsServer;
import dev.rts.core.RtsServerBuilder;
import dev.rts.presence.Presence;
import dev.rts.presence.PresenceAuthorizer;
import dev.rts.livereload.LiveReload;
import dev.rts.pubsub.PubSub;
import dev.rts.redis.Redis;
import dev.rts.rpc.Rpc;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example app: one page served from the example's client folder, the example's {@link DemoService}, and every
 * service found on the class path: rts-rpc, with the example's methods {@link ChatActions chat.*} and
 * {@link MathActions math.*}; rts-pubsub, whose channels are the chat's rooms; and rts-livereload, which in
 * development watches the folder the page is served from, so an edited stylesheet shows at once and any other edit
 * reloads the page. Users sign in with a name ({@link AccountActions account.*}, {@link ExampleAuth}); the chat
 * shows the signed-in name the server knows, not what the page sends.
 *
 * <pre>{@code
 * try (ExampleApp app = ExampleApp.start(new ExampleOptions("127.0.0.1", 0, false))) {
 *     URI page = URI.create("http://localhost:" + app.port() + "/");
 * }
 * }</pre>
 *
 * <p>Thread-safe. An app starts once; after {@link #stop()} start a new one.
 */
public final class ExampleApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("rts.example");
    /** How long a sign-in token lasts; the page renews it over the open socket before then. */
    static final Duration SIGN_IN_LIFETIME = Duration.ofMinutes(5);

    private final RtsServer server;
    private final ClientFolder client;
    private final Redis redis;
    private final ClusterBus bus;

    private ExampleApp(RtsServer server, ClientFolder client, Redis redis, ClusterBus bus) {
        this.server = server;
        this.client = client;
        this.redis = redis;
        this.bus = bus;
    }

    /**
     * Starts the server. Blocks until it accepts connections.
     *
     * @param options where and how to run
     * @return the running app
     * @throws IllegalArgumentException if {@code options.clientDir()} is not a directory
     * @throws IllegalStateException    if the server fails to start, for example because the port is taken (the
     *                                  message says why)
     */
    public static ExampleApp start(ExampleOptions options) {
        return start(options, settings -> { });
    }

    /**
     * Starts the server with more live reload options, such as a shorter {@code throttle} for tests.
     *
     * @param options    where and how to run
     * @param liveReload changes to the live reload settings the example makes (it watches the page's folder)
     * @return the running app
     * @throws IllegalArgumentException if {@code options.clientDir()} is not a directory
     * @throws IllegalStateException    if the server fails to start
     */
    static ExampleApp start(ExampleOptions options, Consumer<LiveReload.Builder> liveReload) {
        return start(options, liveReload, SIGN_IN_LIFETIME);
    }

    /**
     * Starts the server with sign-in tokens of another lifetime, such as a few seconds for tests of their renewal.
     *
     * @param options       where and how to run
     * @param liveReload    changes to the live reload settings
     * @param tokenLifetime how long a sign-in token, and the credentials of a socket admitted with it, last
     * @return the running app
     */
    static ExampleApp start(ExampleOptions options, Consumer<LiveReload.Builder> liveReload, Duration tokenLifetime) {
        ExampleAuth auth = new ExampleAuth(tokenLifetime, java.time.Clock.systemUTC());
        ClientFolder client = options.clientDir() != null ? ClientFolder.given(options.clientDir())
                : ClientFolder.locate(Path.of("").toAbsolutePath());
        LOG.info("Serving the page from {}{}", client.path(), client.temporary() ? " (extracted from the jar)" : "");
        // Watch the folder the page is served from. Live reload turns itself off in production.
        LiveReload.Builder liveReloadSettings = LiveReload.builder().dirs(client.path());
        liveReload.accept(liveReloadSettings);
        RtsServerBuilder builder = RtsServer.builder()
                .host(options.host())
                .port(options.port())
                .production(options.production())
                // Explicit although it is the default: the example shows where the rate is set (SECURITY.md).
                .messageRate(100, 200)
                .staticDirectory(client.path())
                .discoverServices(true)
                .service(new DemoService())
                .service(new SketchService())
                .service(Presence.builder().authorizer(new RoomPresence()).build())
                .service(liveReloadSettings.build())
                // Signing in: a signed token in a cookie, checked before the upgrade and renewed over the socket.
                .authenticator(auth)
                .onStart(api -> registerMethods(api, auth));
        if (!options.origins().isEmpty()) {
            builder.allowedOrigins(options.origins());
        }
        Redis redis = null;
        ClusterBus bus = null;
        RtsServer server = null;
        try {
            if (options.redisUrl() != null) {
                // Every example server on this Redis shares the chat's events and the sessions.
                redis = Redis.builder().url(options.redisUrl()).connect();
                bus = redis.bus();
                builder.clusterBus(bus).sessionStore(redis.sessionStore(Duration.ofDays(1)));
            }
            server = builder.build();
            server.start();
        } catch (RuntimeException e) {
            if (server != null) {
                server.stop();
            }
            closeRedis(bus, redis);
            client.close();
            throw e;
        }
        return new ExampleApp(server, client, redis, bus);
    }

    /** Browsers may join and watch the presence topics of chat rooms, {@code room:<name>}, and no others. */
    private static final class RoomPresence implements PresenceAuthorizer {
        @Override
        public boolean mayJoin(Session session, String topic) {
            return topic.startsWith("room:");
        }

        @Override
        public boolean mayWatch(Session session, String topic) {
            return topic.startsWith("room:");
        }
    }

    /**
     * Registers the example's rpc methods once the services have started, before the first browser can connect.
     */
    private static void registerMethods(Api api, ExampleAuth auth) {
        api.get("rpc", Rpc.class)
                .namespace("account", new AccountActions(auth))
                .namespace("chat", new ChatActions(api.get("pubsub", PubSub.class)))
                .namespace("math", new MathActions());
    }

    /**
     * The port the server listens on.
     *
     * @return the bound port, also when started with port 0
     * @throws IllegalStateException after {@link #stop()}
     */
    public int port() {
        return server.port();
    }

    /**
     * The folder the page is served from.
     *
     * @return an absolute path
     */
    public Path clientDirectory() {
        return client.path();
    }

    /**
     * Stops the server (browsers see their sockets close with 1001 and start reconnecting) and deletes an extracted
     * page copy. Idempotent.
     */
    public void stop() {
        try {
            server.stop();
        } finally {
            closeRedis(bus, redis);
            client.close();
        }
    }

    private static void closeRedis(ClusterBus bus, Redis redis) {
        if (bus != null) {
            bus.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /**
     * Same as {@link #stop()}.
     */
    @Override
    public void close() {
        stop();
    }

    /**
     * Runs the example until the JVM is stopped (Ctrl+C); the server is stopped from a shutdown hook. Exits with 2 on
     * bad arguments and 1 if the server cannot start.
     *
     * @param args {@code --port N}, {@code --production}, {@code --client-dir DIR}, {@code --redis URL},
     *             {@code --help}
     */
    public static void main(String[] args) {
        // Undertow logs through JBoss Logging, which would pick java.util.logging; send it to SLF4J like the rest.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(ExampleOptions.USAGE);
            return;
        }
        ExampleOptions options;
        try {
            options = ExampleOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("rts-example: " + e.getMessage());
            System.err.println(ExampleOptions.USAGE);
            System.exit(2);
            return;
        }
        ExampleApp app;
        try {
            app = start(options);
        } catch (RuntimeException e) {
            System.err.println("rts-example: cannot start on port " + options.port() + ": " + e.getMessage());
            if (portTaken(e)) {
                System.err.println("Another program is using port " + options.port() + "; stop it, or pick another "
                        + "port with --port N (--port 0 picks a free one).");
            }
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "rts-example-shutdown"));
        System.out.println("RTS example running at http://localhost:" + app.port() + "/");
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
