package dev.rts.testkit;

import dev.rts.api.Api;
import dev.rts.api.Connections;
import dev.rts.api.Identity;
import dev.rts.api.Service;
import dev.rts.api.Session;
import dev.rts.client.ClientTransport;
import dev.rts.client.internal.JdkWebSocketTransport;
import dev.rts.core.RtsServer;
import dev.rts.core.RtsServerBuilder;
import dev.rts.testkit.internal.MemoryTransport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A real RTS server for tests: the production core (frame codec, middleware, sessions, worker threads, service
 * discovery) with the services under test, reached by {@link TestClient}s over an in-memory transport, or over a real
 * loopback WebSocket with {@link Builder#realWebSocket(boolean)}.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start(new EchoService())) {
 *     TestClient client = server.client();
 *     assertThat(client.call("echo", "hi")).json().isEqualTo("hi");
 *     assertThat(server.sent("echo")).extracting(SentFrame::to).containsExactly(client);
 * }
 * }</pre>
 *
 * <p>Like a production server it finds the services on the class path ({@code ServiceLoader}); services given to it
 * are mounted first and replace a discovered one of the same name. {@link Builder#discoverServices(boolean)} turns
 * discovery off.
 */
public final class TestServer implements AutoCloseable {

    private final RtsServer server;
    private final Api api;
    private final MemoryTransport memory;
    private final Duration timeout;
    private final List<TestClient> clients = new CopyOnWriteArrayList<>();
    private final FrameLog frames = new FrameLog();
    private final AtomicInteger clientNumbers = new AtomicInteger();

    private TestServer(RtsServer server, MemoryTransport memory, Duration timeout) {
        this.server = server;
        this.memory = memory;
        this.timeout = timeout;
        this.api = server.start();
    }

    /**
     * Starts a server with these services, and those found on the class path, in memory, with the default 5 s
     * timeout.
     *
     * @param services the services under test
     * @return the started server
     */
    public static TestServer start(Service... services) {
        Builder builder = builder();
        for (Service service : services) {
            builder.service(service);
        }
        return builder.start();
    }

    /**
     * A builder for more control: mount names, options, middleware, the real-socket switch.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The shared api with every service's server-side API.
     *
     * @return the api
     */
    public Api api() {
        return api;
    }

    /**
     * The server under test.
     *
     * @return the server
     */
    public RtsServer rtsServer() {
        return server;
    }

    /**
     * The open connections with their sessions and users.
     *
     * @return a live view
     */
    public Connections connections() {
        return server.connections();
    }

    /**
     * How long waits last before they fail.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * A new client with a new session, connected and ready.
     *
     * @return the client
     * @throws AssertionError if the handshake does not complete within {@link #timeout()}; the client is closed then
     */
    public TestClient client() {
        return newClient(null);
    }

    /**
     * A new client presenting an existing session, as a second browser tab of the same session would.
     *
     * @param sessionId the session to present
     * @return the client
     */
    public TestClient client(String sessionId) {
        return newClient(Objects.requireNonNull(sessionId, "sessionId"));
    }

    /**
     * A new client signed in as a user, with a new session, connected and ready: services see the user in
     * {@code request.identity()} and as the session's user. The client is admitted as the server's authenticator
     * would admit it, without asking the authenticator, so a service that reads identities is tested without one.
     * Test the authenticator itself with {@link #clientWithToken(String)}.
     *
     * @param userId the user id
     * @return the client
     * @throws IllegalStateException over a real WebSocket, where only the server's authenticator admits sockets
     */
    public TestClient signedIn(String userId) {
        return signedIn(new Identity(Optional.of(Objects.requireNonNull(userId, "userId")), Map.of(),
                Optional.empty()));
    }

    /**
     * A new client admitted as the identity (a user, claims, an expiry), with a new session, connected and ready;
     * see {@link #signedIn(String)}.
     *
     * @param identity who the client is
     * @return the client
     * @throws IllegalStateException over a real WebSocket, where only the server's authenticator admits sockets
     */
    public TestClient signedIn(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        if (memory == null) {
            throw new IllegalStateException("signedIn(...) admits a client without the server's authenticator, which "
                    + "only the in-memory transport can do; over a real WebSocket use clientWithToken(...)");
        }
        return newClient(null, () -> memory.newClientAs(identity));
    }

    /**
     * A new client whose upgrade request carries {@code Authorization: Bearer <token>}, so that the server's
     * authenticator decides about it, over the in-memory pipe or a real WebSocket alike.
     *
     * @param token the token
     * @return the client, connected and ready
     * @throws dev.rts.client.RtsErrorException if the authenticator refused it; the message has the HTTP status and
     *                                          the text the client got
     * @throws AssertionError if the handshake does not complete within {@link #timeout()}
     */
    public TestClient clientWithToken(String token) {
        Objects.requireNonNull(token, "token");
        return newClient(null, memory != null ? () -> memory.newClientWithToken(token)
                : () -> new JdkWebSocketTransport(URI.create("ws://127.0.0.1:" + server.port() + "/"), token));
    }

    private TestClient newClient(String sessionId) {
        return newClient(sessionId, memory != null ? memory::newClient
                : () -> new JdkWebSocketTransport(URI.create("ws://127.0.0.1:" + server.port() + "/")));
    }

    private TestClient newClient(String sessionId, Supplier<ClientTransport> transports) {
        TestClient client = new TestClient(transports, sessionId, frames, "client-" + clientNumbers.incrementAndGet(),
                timeout);
        clients.add(client);
        return client;
    }

    /**
     * Every frame the server sent to any of this server's clients so far, in arrival order, as it came off the wire:
     * answers, pushes, broadcasts, error frames and handshakes. Call {@link #sync()} first to include frames that are
     * on their way. Filter it with AssertJ, or use {@link #sent(String)}:
     *
     * <pre>{@code
     * server.sync();
     * assertThat(server.sent("counter")).extracting(SentFrame::to).containsExactlyInAnyOrder(alice, bob);
     * }</pre>
     *
     * @return a snapshot
     */
    public List<SentFrame> sent() {
        return frames.all();
    }

    /**
     * The frames one service sent to any of this server's clients so far, in arrival order.
     *
     * @param service the service name, or {@code "_system"} for handshakes and error frames
     * @return a snapshot
     */
    public List<SentFrame> sent(String service) {
        return sent().stream().filter(frame -> frame.service().equals(service)).toList();
    }

    /**
     * {@link TestClient#sync()} on every connected client: afterwards every frame the server sent them because of
     * what they sent before, broadcasts included, has arrived.
     *
     * @throws AssertionError if a round trip does not complete within the timeout
     */
    public void sync() {
        for (TestClient client : clients) {
            if (client.isConnected()) {
                client.sync();
            }
        }
    }

    /**
     * {@link TestClient#assertNoMoreMessages()} on every client of this server.
     *
     * @throws AssertionError naming the client and what it did not read
     */
    public void assertNoMoreMessages() {
        for (TestClient client : clients) {
            try {
                client.assertNoMoreMessages();
            } catch (AssertionError e) {
                throw new AssertionError(client + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * A session by id, to sign a user in ({@code session(client.sessionId()).setUserId("ann")}) or inspect it.
     *
     * @param sessionId the session id
     * @return the session
     * @throws AssertionError if the server does not know it
     */
    public Session session(String sessionId) {
        return server.connections().session(sessionId).orElseThrow(() -> new AssertionError("The server has no "
                + "session " + sessionId));
    }

    /**
     * Stops the server and every client.
     */
    public void stop() {
        clients.forEach(TestClient::close);
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Configures a {@link TestServer}.
     */
    public static final class Builder {
        private final List<Consumer<RtsServerBuilder>> steps = new ArrayList<>();
        private boolean realWebSocket;
        private boolean discoverServices = true;
        private Duration timeout = Duration.ofSeconds(5);

        private Builder() {
        }

        /**
         * Mounts a service under its default name.
         *
         * @param service the service
         * @return this builder
         */
        public Builder service(Service service) {
            steps.add(b -> b.service(service));
            return this;
        }

        /**
         * Mounts a service under a name, with options.
         *
         * @param name    the mount name
         * @param service the service
         * @param options its options
         * @return this builder
         */
        public Builder service(String name, Service service, Map<String, ?> options) {
            steps.add(b -> b.service(name, service, options));
            return this;
        }

        /**
         * Anything else the production builder offers: middleware, session store, limits, production mode...
         *
         * @param step called with the server builder before start
         * @return this builder
         */
        public Builder configure(Consumer<RtsServerBuilder> step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /**
         * Whether to mount the services found on the class path with {@code ServiceLoader}, as production does
         * (default {@code true}). Turn it off to test the given services alone, when other service jars are on the
         * test class path.
         *
         * @param discover {@code false} to mount only the services given to {@link #service(Service)}
         * @return this builder
         */
        public Builder discoverServices(boolean discover) {
            this.discoverServices = discover;
            return this;
        }

        /**
         * Runs over a real loopback WebSocket (Undertow on a free port) instead of in memory, with the same API.
         *
         * @param real {@code true} for a real socket
         * @return this builder
         */
        public Builder realWebSocket(boolean real) {
            this.realWebSocket = real;
            return this;
        }

        /**
         * How long waits last before they fail (default 5 s).
         *
         * @param wait a positive duration
         * @return this builder
         */
        public Builder timeout(Duration wait) {
            if (wait == null || wait.isNegative() || wait.isZero()) {
                throw new IllegalArgumentException("timeout must be a positive duration but was " + wait);
            }
            this.timeout = wait;
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the started server
         */
        public TestServer start() {
            // Every test client comes from one address: a test of a thousand clients must not meet the per-address
            // limit on new sessions, which guards real servers. A test of that limit sets it again with configure().
            RtsServerBuilder builder = RtsServer.builder().discoverServices(discoverServices)
                    .newSessionsPerAddress(Integer.MAX_VALUE, Integer.MAX_VALUE);
            MemoryTransport memory = null;
            if (realWebSocket) {
                builder.host("127.0.0.1").port(0);
            } else {
                memory = new MemoryTransport();
                builder.transport(memory);
            }
            steps.forEach(step -> step.accept(builder));
            return new TestServer(builder.build(), memory, timeout);
        }
    }
}
