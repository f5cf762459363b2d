package dev.rts.core.internal;

import dev.rts.api.ClusterBus;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of an {@link dev.rts.core.InProcessBus}: its subscriptions and a bounded queue of deliveries drained one
 * at a time on the bus's threads, which gives each listener the messages in publish order, off the publisher's
 * thread (so a listener that publishes, or takes a lock its publisher holds, cannot recurse or deadlock).
 */
public final class InProcessNode implements ClusterBus {

    private static final Logger LOG = LoggerFactory.getLogger("rts.bus");

    /** Hands a published message to every node of the bus. */
    @FunctionalInterface
    public interface Fanout {
        /**
         * Offers a message to every node.
         *
         * @param publisher the publishing node
         * @param topic     the topic
         * @param message   the bytes
         */
        void deliver(InProcessNode publisher, String topic, byte[] message);
    }

    private final String nodeId;
    private final Fanout fanout;
    private final Executor threads;
    private final int maxQueued;
    private final Consumer<InProcessNode> onClose;
    private final Map<String, Set<Listener>> subscriptions = new ConcurrentHashMap<>();
    private final Set<LinkListener> linkListeners = new CopyOnWriteArraySet<>();
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean overflowWarned = new AtomicBoolean();
    private volatile boolean linked = true;
    private volatile int generation;
    private volatile boolean closed;

    /**
     * Creates a node; {@link dev.rts.core.InProcessBus#connect(String)} does.
     *
     * @param nodeId    its id
     * @param fanout    where it publishes
     * @param threads   the bus's delivery threads
     * @param maxQueued the most deliveries waiting
     * @param onClose   told when it closes
     */
    public InProcessNode(String nodeId, Fanout fanout, Executor threads, int maxQueued,
                         Consumer<InProcessNode> onClose) {
        this.nodeId = nodeId;
        this.fanout = fanout;
        this.threads = threads;
        this.maxQueued = maxQueued;
        this.onClose = onClose;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public CompletionStage<Void> publish(String topic, byte[] message) {
        checkTopic(topic);
        Objects.requireNonNull(message, "message");
        if (closed) {
            return failed("closed");
        }
        if (!linked) {
            return failed("cut off (its link is down)");
        }
        fanout.deliver(this, topic, message);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> subscribe(String topic, Listener listener) {
        checkTopic(topic);
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            return failed("closed");
        }
        subscriptions.computeIfAbsent(topic, k -> new CopyOnWriteArraySet<>()).add(listener);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> unsubscribe(String topic, Listener listener) {
        subscriptions.computeIfPresent(topic, (k, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addLinkListener(LinkListener listener) {
        linkListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeLinkListener(LinkListener listener) {
        linkListeners.remove(listener);
    }

    @Override
    public void close() {
        closed = true;
        subscriptions.clear();
        linkListeners.clear();
        queue.clear();
        onClose.accept(this);
    }

    /**
     * The topics this node listens to.
     *
     * @return a copy
     */
    public Set<String> topics() {
        return Set.copyOf(subscriptions.keySet());
    }

    /**
     * Queues a message for this node's listeners of its topic, if it has any and its link is up.
     *
     * @param topic   the topic
     * @param message the bytes, shared
     */
    public void enqueue(String topic, byte[] message) {
        if (closed || !linked || !subscriptions.containsKey(topic)) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            if (overflowWarned.compareAndSet(false, true)) {
                LOG.warn("In-process bus node {} has {} messages waiting; dropping messages until it catches up",
                        nodeId, maxQueued);
            }
            return;
        }
        int sent = generation;
        schedule(() -> {
            queued.decrementAndGet();
            if (sent != generation || closed) {
                return;
            }
            Set<Listener> listeners = subscriptions.get(topic);
            if (listeners == null) {
                return;
            }
            for (Listener listener : listeners) {
                try {
                    listener.onMessage(topic, message);
                } catch (RuntimeException e) {
                    LOG.error("Bus listener {} of node {} failed on topic '{}'", listener, nodeId, topic, e);
                }
            }
        });
    }

    /**
     * Cuts or restores the link; the link listeners hear of it in order with the deliveries.
     *
     * @param up {@code true} to restore
     */
    public synchronized void link(boolean up) {
        if (closed || linked == up) {
            return;
        }
        linked = up;
        if (!up) {
            generation++; // what was queued is lost with the link
            overflowWarned.set(false);
        }
        schedule(() -> {
            if (closed) {
                return;
            }
            for (LinkListener listener : linkListeners) {
                try {
                    if (up) {
                        listener.linkRestored();
                    } else {
                        listener.linkLost();
                    }
                } catch (RuntimeException e) {
                    LOG.error("Bus link listener {} of node {} failed", listener, nodeId, e);
                }
            }
        });
    }

    private void schedule(Runnable task) {
        queue.add(task);
        if (draining.compareAndSet(false, true)) {
            try {
                threads.execute(this::drain);
            } catch (RejectedExecutionException e) {
                queue.clear(); // the bus is closed
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            while ((task = queue.poll()) != null) {
                task.run();
            }
            draining.set(false);
            if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private static void checkTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("A bus topic must not be empty but was "
                    + (topic == null ? "null" : "''"));
        }
    }

    private CompletionStage<Void> failed(String why) {
        return CompletableFuture.failedFuture(new IllegalStateException("In-process bus node " + nodeId + " is "
                + why));
    }

    @Override
    public String toString() {
        return "in-process bus node " + nodeId;
    }
}
