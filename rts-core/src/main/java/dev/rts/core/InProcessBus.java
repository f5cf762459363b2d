package dev.rts.core;

import dev.rts.api.ClusterBus;
import dev.rts.core.internal.InProcessNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A cluster bus inside one JVM: the server's default (a private one per server, reaching that server only) and a
 * stand-in for a real broker in tests that run several servers in one JVM. Each server gets its own node with
 * {@link #connect()} and passes it to {@link RtsServerBuilder#clusterBus(ClusterBus)}.
 *
 * <p>Delivery follows the {@link ClusterBus} contract like a broker would: asynchronously, on this bus's daemon
 * threads, one message at a time per receiving node, in the order messages were published. At most
 * {@value #MAX_QUEUED_PER_NODE} messages wait per receiving node; beyond that they are dropped (at most once) with one
 * warning. Tests can cut a node's link and restore it to exercise {@link ClusterBus.LinkListener}.
 *
 * <p>Thread-safe. Close it after the servers using it stopped; that closes every node and stops the threads.
 */
public final class InProcessBus implements AutoCloseable {

    /** The most messages waiting for one receiving node. */
    public static final int MAX_QUEUED_PER_NODE = 100_000;

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final List<InProcessNode> nodes = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rts-bus-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private InProcessBus() {
    }

    /**
     * A new, empty bus.
     *
     * @return the bus
     */
    public static InProcessBus create() {
        return new InProcessBus();
    }

    /**
     * Connects a new node with a random id (16 hex digits).
     *
     * @return the node's link, open and linked
     * @throws IllegalStateException if this bus is closed
     */
    public ClusterBus connect() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return connect(HexFormat.of().formatHex(bytes));
    }

    /**
     * Connects a new node with a given id.
     *
     * @param nodeId 1 to 64 characters of {@code [A-Za-z0-9_.-]}, not used by another open node of this bus
     * @return the node's link, open and linked
     * @throws IllegalArgumentException if the id is malformed or taken
     * @throws IllegalStateException    if this bus is closed
     */
    public synchronized ClusterBus connect(String nodeId) {
        if (closed) {
            throw new IllegalStateException("This in-process bus is closed");
        }
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("nodeId must be 1 to 64 characters of [A-Za-z0-9_.-] but was "
                    + (nodeId == null ? "null" : "'" + nodeId + "'"));
        }
        if (nodes.stream().anyMatch(n -> n.nodeId().equals(nodeId))) {
            throw new IllegalArgumentException("nodeId '" + nodeId + "' is already connected to this bus");
        }
        InProcessNode node = new InProcessNode(nodeId, this::deliverFrom, threads, MAX_QUEUED_PER_NODE,
                nodes::remove);
        nodes.add(node);
        return node;
    }

    /**
     * Cuts a node's link, as a lost broker connection would: it publishes and receives nothing, and its link
     * listeners hear {@link ClusterBus.LinkListener#linkLost()}. Its subscriptions are kept. Does nothing if it is
     * already cut.
     *
     * @param node a node of this bus
     * @throws IllegalArgumentException if it is not one
     */
    public void cut(ClusterBus node) {
        nodeOf(node).link(false);
    }

    /**
     * Restores a cut link: the node's subscriptions are active again, then its link listeners hear
     * {@link ClusterBus.LinkListener#linkRestored()}. Does nothing if it is linked.
     *
     * @param node a node of this bus
     * @throws IllegalArgumentException if it is not one
     */
    public void restore(ClusterBus node) {
        nodeOf(node).link(true);
    }

    /**
     * The topics some open node is subscribed to, for tests.
     *
     * @return a sorted copy
     */
    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        nodes.forEach(n -> topics.addAll(n.topics()));
        return topics;
    }

    /** Closes every node and stops the delivery threads. */
    @Override
    public synchronized void close() {
        closed = true;
        nodes.forEach(InProcessNode::close);
        threads.shutdown();
    }

    private void deliverFrom(InProcessNode publisher, String topic, byte[] message) {
        for (InProcessNode node : nodes) {
            node.enqueue(topic, message);
        }
    }

    private InProcessNode nodeOf(ClusterBus node) {
        Objects.requireNonNull(node, "node");
        for (InProcessNode candidate : nodes) {
            if (candidate == node) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(node + " is not an open node of this in-process bus");
    }

    @Override
    public String toString() {
        return "in-process bus (" + nodes.size() + " node(s))";
    }
}
