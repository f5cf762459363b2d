package dev.rts.core.internal;

import dev.rts.api.Api;
import dev.rts.api.ClusterBus;
import dev.rts.api.Service;
import dev.rts.api.ServiceOptions;
import dev.rts.core.InProcessBus;
import dev.rts.core.RtsServer;
import dev.rts.core.spi.ClusterBusProvider;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.SessionStoreProvider;
import dev.rts.core.spi.Transport;
import dev.rts.core.spi.TransportProvider;
import dev.rts.json.internal.StrictJson;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import dev.rts.api.LogLimiter;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server: discovery, lifecycle, and the wiring of registry, dispatcher and transport.
 */
public final class DefaultRtsServer implements RtsServer {

    private static final Logger LOG = LoggerFactory.getLogger("rts.core");
    private static final long STOP_GRACE_SECONDS = 5;
    /** Session changes from a shared store waiting for a worker; they are small and rare (sign-ins, subscriptions). */
    private static final int MAX_PENDING_STORE_CHANGES = 10_000;

    private enum Phase { NEW, STARTED, STOPPED }

    private final ServerConfig config;
    private Phase phase = Phase.NEW;
    private final DefaultApi api = new DefaultApi();
    private ExecutorService workers;
    private ScheduledExecutorService timer;
    private boolean ownsWorkers;
    private SessionStore store;
    private Transport transport;
    private ClusterBus bus;
    private AutoCloseable ownedBus;
    private final List<DefaultServiceContext> contexts = new ArrayList<>();
    private Dispatcher dispatcher;
    private ConnectionRegistry registry;
    private StrictJson json;
    /** What {@code discover} answers; set once before the transport starts. */
    private volatile List<Map<String, Object>> discovery = List.of();
    private final List<MountedService> started = new ArrayList<>();

    /**
     * Creates an unstarted server.
     *
     * @param config the validated configuration
     */
    public DefaultRtsServer(ServerConfig config) {
        this.config = config;
    }

    @Override
    public synchronized Api start() {
        if (phase != Phase.NEW) {
            throw new IllegalStateException("Server was already " + (phase == Phase.STARTED ? "started" : "stopped")
                    + "; build a new one to start again");
        }
        phase = Phase.STARTED;
        try {
            List<ServerConfig.Mount> mounts = collectMounts();
            ownsWorkers = config.executor().isEmpty();
            workers = config.executor().orElseGet(DefaultRtsServer::defaultWorkers);
            ServerLimits limits = config.limits();
            store = config.sessionStore().orElseGet(this::discoverSessionStore);
            MountedService[] services = new MountedService[mounts.size() + 1];
            AddressLimiter newSessions = limits.newSessionsPerSecond() == Integer.MAX_VALUE ? null
                    : new AddressLimiter(limits.newSessionsPerSecond(), limits.newSessionBurst(), System::nanoTime);
            registry = new ConnectionRegistry(store, Clock.systemUTC(),
                    change -> notify(services, change, s -> s.userListeners, "user change"),
                    change -> notify(services, change, s -> s.attributeListeners, "attribute change"), newSessions);
            registry.followStore(workers, MAX_PENDING_STORE_CHANGES, limits.fatalErrorHandler());
            json = StrictJson.instance();
            ErrorReplies errors = new ErrorReplies(json, limits.stackTracesToClients());
            LogLimiter refusedSessions = new LogLimiter(LOG, 10_000_000_000L);
            ConnectionEvents events = new ConnectionEvents(registry, services, config.middleware());
            timer = newTimer();
            Authentication authentication = new Authentication(config.authenticator().orElse(null), workers, timer,
                    config.authenticationTimeout(), Clock.systemUTC());
            services[0] = MountedService.system(new SystemHandler(new SystemHost() {
                @Override
                public LiveSession bindSession(ConnectionState state, Object presentedSessionId) {
                    return events.connect(state, presentedSessionId);
                }

                @Override
                public String newSessionRefusal(ConnectionState state) {
                    refusedSessions.warn("Refused a new session for socket {} from {}: over {} new sessions per "
                            + "second", state.id(), state.connection.clientIp(), limits.newSessionsPerSecond());
                    return "Too many new sessions from this address (at most " + limits.newSessionsPerSecond()
                            + " per second); connect again later with the session id you were given";
                }

                @Override
                public long millisUntilExpiry(ConnectionState state) {
                    long millis = authentication.millisUntilExpiry(state.identity);
                    return millis == -1 ? -1 : Math.max(0, millis);
                }

                @Override
                public boolean authenticates() {
                    return authentication.enabled();
                }

                @Override
                public java.util.concurrent.CompletableFuture<dev.rts.core.Admission> refresh(ConnectionState state,
                                                                                            String token) {
                    return authentication.refresh(state, token);
                }

                @Override
                public List<Map<String, Object>> services() {
                    return discovery;
                }
            }, errors));
            for (int i = 0; i < mounts.size(); i++) {
                ServerConfig.Mount mount = mounts.get(i);
                services[i + 1] = new MountedService(i + 1, mount.name(), mount.service(), mount.options());
            }
            dispatcher = new Dispatcher(json, workers, registry, events, errors, services, config, timer,
                    authentication);
            bus = openBus();
            LOG.info("RTS services: {}", List.of(services).stream().map(MountedService::toString)
                    .collect(Collectors.joining(", ")));
            startServices(services);
            for (MountedService service : services) {
                if (service.service != null) {
                    service.isPrivate = service.service.isPrivate();
                }
            }
            for (var hook : config.startHooks()) {
                try {
                    hook.accept(api);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("An onStart hook failed: " + ErrorReplies.messageOf(e), e);
                }
            }
            transport = config.transport().orElseGet(this::discoverTransport);
            ClientCode code = new ClientCode(json);
            discovery = List.copyOf(SystemHandler.discoveryEntries(services, code));
            dispatcher.transport(transport.name(), code.bundle(services, transport, config.transportSettings().path(),
                    config.sessionCookieName(), authentication.enabled()));
            try {
                transport.start(dispatcher);
            } catch (Exception e) {
                throw new IllegalStateException("Transport '" + transport.name() + "' failed to start: "
                        + startFailure(e), e);
            }
            LOG.info("RTS server started: {} service(s) on port {} via {}", services.length - 1, transport.port(),
                    transport.name());
            return api;
        } catch (RuntimeException | Error e) {
            // Already shut down: a later stop() must not stop services or close the store a second time.
            phase = Phase.STOPPED;
            shutdown();
            throw e;
        }
    }

    /** Names the usual cause plainly instead of quoting a nested exception's class. */
    private String startFailure(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return "port " + config.transportSettings().port() + " on " + config.transportSettings().host()
                        + " is already in use (or not allowed); choose another with port(...), or 0 for any free one";
            }
        }
        return ErrorReplies.messageOf(e);
    }

    private List<ServerConfig.Mount> collectMounts() {
        List<ServerConfig.Mount> mounts = new ArrayList<>(config.mounts());
        if (config.discoverServices()) {
            List<Service> found = discover(Service.class, "service");
            found.sort(Comparator.comparing(Service::name));
            for (Service service : found) {
                boolean explicit = config.mounts().stream()
                        .anyMatch(m -> m.service().getClass() == service.getClass());
                if (explicit || config.excluded().contains(service.name())) {
                    continue;
                }
                mounts.add(new ServerConfig.Mount(ServerConfig.checkName(service.name(), service.getClass()), service,
                        config.discoveredOptions().getOrDefault(service.name(), ServiceOptions.empty())));
            }
        }
        for (String name : config.discoveredOptions().keySet()) {
            if (mounts.stream().noneMatch(m -> m.service().name().equals(name))) {
                LOG.warn("configure(\"{}\", ...) names no mounted service, so its options are unused; mounted: {}",
                        name, mounts.stream().map(m -> m.service().name()).toList());
            }
        }
        Map<String, Service> byName = new HashMap<>();
        byName.put(SystemHandler.NAME, null);
        for (ServerConfig.Mount mount : mounts) {
            if (byName.containsKey(mount.name())) {
                Service other = byName.get(mount.name());
                throw new IllegalStateException("Service name '" + mount.name() + "' is already used by "
                        + (other == null ? "the system service" : other.getClass().getName()) + "; service names must "
                        + "be unique (" + mount.service().getClass().getName() + " wants it too; mount one under "
                        + "another name)");
            }
            byName.put(mount.name(), mount.service());
        }
        return mounts;
    }

    /** Loads every provider, reporting each broken one by class and cause instead of stopping at the first. */
    private static <T> List<T> discover(Class<T> type, String what) {
        List<T> found = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(type).iterator();
        for (int guard = 0; guard < 10_000; guard++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                broken.add(e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            }
        }
        if (!broken.isEmpty()) {
            throw new IllegalStateException("Cannot load " + what + " provider(s): " + String.join("; ", broken)
                    + ". Fix or remove the jar, or " + (type == Service.class ? "turn discovery off with "
                    + "discoverServices(false) and register services by hand" : "pass a " + what + " explicitly"));
        }
        return found;
    }

    private void startServices(MountedService[] services) {
        Executor serviceWorkers = new FatalErrorReportingExecutor(workers, config.limits().fatalErrorHandler());
        for (MountedService service : services) {
            if (service.id == 0) {
                continue;
            }
            DefaultServiceContext context = new DefaultServiceContext(service, registry, json, serviceWorkers,
                    config.production(), api, config.root(), bus);
            contexts.add(context);
            Object serviceApi;
            try {
                serviceApi = service.service.start(context);
            } catch (Exception | LinkageError | AssertionError e) {
                throw new IllegalStateException("Service '" + service.name + "' (" + service.service.getClass().getName()
                        + ") failed to start: " + ErrorReplies.messageOf(e), e);
            } finally {
                context.seal();
            }
            started.add(service);
            if (serviceApi != null) {
                api.put(service.name, serviceApi);
            }
        }
    }

    /** The app's bus, else the only provider's, else a private in-process one; remembers which to close. */
    private ClusterBus openBus() {
        if (config.clusterBus().isPresent()) {
            LOG.info("Cluster bus: {} (node {})", config.clusterBus().get(), config.clusterBus().get().nodeId());
            return config.clusterBus().get();
        }
        List<ClusterBusProvider> providers = new ArrayList<>(discover(ClusterBusProvider.class, "cluster bus"));
        providers.removeIf(provider -> !provider.configured());
        if (providers.size() > 1) {
            throw new IllegalStateException("Found " + providers.size() + " cluster bus providers ("
                    + providers.stream().map(p -> p.name() + " " + p.getClass().getName())
                    .collect(Collectors.joining(", ")) + "); pass one with RtsServer.builder().clusterBus(...)");
        }
        if (providers.isEmpty()) {
            InProcessBus privateBus = InProcessBus.create();
            ownedBus = privateBus;
            return privateBus.connect();
        }
        ClusterBusProvider provider = providers.get(0);
        ClusterBus created;
        try {
            created = provider.create();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cluster bus '" + provider.name() + "' (" + provider.getClass().getName()
                    + ") failed to connect: " + ErrorReplies.messageOf(e), e);
        }
        ownedBus = created;
        LOG.info("Cluster bus: {} from provider '{}' (node {})", created, provider.name(), created.nodeId());
        return created;
    }

    /** The one store a provider on the class path offers, or sessions in memory. */
    private SessionStore discoverSessionStore() {
        List<String> offered = new ArrayList<>();
        SessionStore chosen = null;
        for (SessionStoreProvider provider : discover(SessionStoreProvider.class, "session store")) {
            Optional<SessionStore> store = provider.create(config.sessionMaxAge(),
                    min(config.limits().anonymousSessionMaxAge(), config.sessionMaxAge()));
            if (store.isPresent()) {
                offered.add(provider.name() + " " + provider.getClass().getName());
                if (chosen != null) {
                    store.get().close();
                    chosen.close();
                    throw new IllegalStateException("Found " + offered.size() + " configured session stores ("
                            + String.join(", ", offered) + "); configure one, or pass one with "
                            + "RtsServer.builder().sessionStore(...)");
                }
                chosen = store.get();
            }
        }
        if (chosen == null) {
            return new InMemorySessionStore(config.sessionMaxAge(), config.limits().anonymousSessionMaxAge(),
                    config.limits().maxSessions(), Clock.systemUTC());
        }
        LOG.info("RTS sessions are kept by {}", offered.get(0));
        return chosen;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Transport discoverTransport() {
        List<TransportProvider> providers = discover(TransportProvider.class, "transport");
        if (providers.isEmpty()) {
            throw new IllegalStateException("No transport found: add rts-transport-undertow to the class path, or "
                    + "pass one with RtsServer.builder().transport(...)");
        }
        if (providers.size() > 1) {
            throw new IllegalStateException("Found " + providers.size() + " transports ("
                    + providers.stream().map(p -> p.name() + " " + p.getClass().getName())
                    .collect(Collectors.joining(", ")) + "); pass one with RtsServer.builder().transport(...)");
        }
        return providers.get(0).create(config.transportSettings());
    }

    private static <T> void notify(MountedService[] services, T change,
                                   Function<MountedService, List<Consumer<T>>> listeners, String what) {
        for (MountedService service : services) {
            if (service == null) {
                continue;
            }
            listeners.apply(service).forEach(listener -> {
                try {
                    listener.accept(change);
                } catch (RuntimeException e) {
                    LOG.error("Service '{}' failed in its {} listener", service.name, what, e);
                }
            });
        }
    }

    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "rts-timer");
            t.setDaemon(true);
            return t;
        });
        // Most deadlines are cancelled (handshakes complete); remove them at once instead of at their due time.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static ExecutorService defaultWorkers() {
        int threads = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);
        AtomicInteger count = new AtomicInteger();
        // Every connection has at most one drain task queued, so this queue is bounded by the connection count.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "rts-worker-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public synchronized void stop() {
        if (phase != Phase.STARTED) {
            phase = Phase.STOPPED;
            return;
        }
        phase = Phase.STOPPED;
        shutdown();
        LOG.info("RTS server stopped");
    }

    private void shutdown() {
        if (registry != null) {
            registry.stopFollowingStore();
        }
        if (transport != null) {
            try {
                transport.stop();
            } catch (RuntimeException e) {
                LOG.error("Transport '{}' failed to stop", transport.name(), e);
            }
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (workers != null && ownsWorkers) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("Handlers still running {} s after stop; interrupting them", STOP_GRACE_SECONDS);
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            MountedService service = started.get(i);
            try {
                service.service.stop();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("Service '{}' failed to stop", service.name, e);
            }
        }
        started.clear();
        contexts.forEach(context -> context.bus().release());
        contexts.clear();
        if (ownedBus != null) {
            try {
                ownedBus.close();
            } catch (Exception e) {
                LOG.error("Cluster bus {} failed to close", bus, e);
            }
            ownedBus = null;
        }
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException e) {
                LOG.error("Session store failed to close", e);
            }
        }
    }

    @Override
    public synchronized Api api() {
        requireStarted("api()");
        return api;
    }

    @Override
    public synchronized dev.rts.api.Connections connections() {
        requireStarted("connections()");
        return registry;
    }

    @Override
    public synchronized int port() {
        requireStarted("port()");
        return transport.port();
    }

    @Override
    public synchronized String clientScript() {
        requireStarted("clientScript()");
        return dispatcher.clientBundle().script();
    }

    private void requireStarted(String method) {
        if (phase != Phase.STARTED) {
            throw new IllegalStateException(method + " needs a started server; call start() first");
        }
    }
}
