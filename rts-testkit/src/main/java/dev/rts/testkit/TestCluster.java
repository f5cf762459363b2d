package dev.rts.testkit;

import dev.rts.api.ClusterBus;
import dev.rts.core.InProcessBus;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Several {@link TestServer}s in this JVM sharing one {@link InProcessBus}, as the server processes of an app share a
 * broker: for every service's cluster tests. Server {@code i} is node {@code node-i} on the bus.
 *
 * <pre>{@code
 * try (TestCluster cluster = TestCluster.start(2, server -> server.service(new ChatService()))) {
 *     TestClient onA = cluster.server(0).client();
 *     TestClient onB = cluster.server(1).client();
 *     ...
 * }
 * }</pre>
 *
 * <p>Not thread-safe: call it from the test thread.
 */
public final class TestCluster implements AutoCloseable {

    private final InProcessBus bus = InProcessBus.create();
    private final Consumer<TestServer.Builder> setup;
    private final List<TestServer> servers = new ArrayList<>();
    private final Map<TestServer, ClusterBus> nodes = new IdentityHashMap<>();

    private TestCluster(Consumer<TestServer.Builder> setup) {
        this.setup = setup;
    }

    /**
     * Starts servers that share one in-process bus.
     *
     * @param count how many, at least 1
     * @param setup configures each server's builder; called once per server, so it must create new service
     *              instances each time (a service instance runs on one server)
     * @return the started cluster
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public static TestCluster start(int count, Consumer<TestServer.Builder> setup) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1 but was " + count);
        }
        TestCluster cluster = new TestCluster(Objects.requireNonNull(setup, "setup"));
        try {
            for (int i = 0; i < count; i++) {
                cluster.add();
            }
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * Starts one more server on the bus, set up like the others, as a node that starts late would.
     *
     * @return the started server
     */
    public TestServer add() {
        ClusterBus node = bus.connect("node-" + servers.size());
        TestServer.Builder builder = TestServer.builder();
        setup.accept(builder);
        builder.configure(b -> b.clusterBus(node));
        TestServer server = builder.start();
        servers.add(server);
        nodes.put(server, node);
        return server;
    }

    /**
     * A server by the order it was started in.
     *
     * @param index 0 for the first
     * @return the server (it may have been stopped)
     */
    public TestServer server(int index) {
        return servers.get(index);
    }

    /**
     * Every server started so far, in order, stopped ones included.
     *
     * @return an unmodifiable copy
     */
    public List<TestServer> servers() {
        return List.copyOf(servers);
    }

    /**
     * The bus, to cut and restore a node's link ({@link InProcessBus#cut}) or list the topics in use.
     *
     * @return the bus
     */
    public InProcessBus bus() {
        return bus;
    }

    /**
     * A server's link to the bus.
     *
     * @param server a server of this cluster
     * @return its node
     * @throws IllegalArgumentException if the server is not one of this cluster's
     */
    public ClusterBus node(TestServer server) {
        ClusterBus node = nodes.get(server);
        if (node == null) {
            throw new IllegalArgumentException("The server is not part of this cluster");
        }
        return node;
    }

    /**
     * Stops a server as if its process was killed: its link to the bus is cut first, so nothing it says while
     * stopping (goodbyes included) reaches the others, who see it fall silent.
     *
     * @param server a server of this cluster
     */
    public void crash(TestServer server) {
        bus.cut(node(server));
        server.stop();
    }

    /** Stops every server, then closes the bus. */
    @Override
    public void close() {
        servers.forEach(TestServer::stop);
        bus.close();
    }
}
