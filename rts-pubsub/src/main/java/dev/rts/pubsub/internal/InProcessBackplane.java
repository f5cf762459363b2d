package dev.rts.pubsub.internal;

import dev.rts.pubsub.Backplane;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Backplane#inProcess()}: topics in a map, delivered on the publishing thread.
 */
public final class InProcessBackplane implements Backplane {

    private static final Logger LOG = LoggerFactory.getLogger("rts.pubsub.backplane");

    private final Map<String, Set<Listener>> topics = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public CompletionStage<Void> publish(String topic, byte[] message) {
        if (closed) {
            return closedFailure();
        }
        Set<Listener> listeners = topics.get(topic);
        if (listeners != null) {
            for (Listener listener : listeners) {
                try {
                    listener.onMessage(topic, message);
                } catch (RuntimeException e) {
                    LOG.error("Backplane listener {} failed on topic '{}'", listener, topic, e);
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> subscribe(String topic, Listener listener) {
        if (closed) {
            return closedFailure();
        }
        topics.computeIfAbsent(topic, k -> new CopyOnWriteArraySet<>()).add(listener);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> unsubscribe(String topic, Listener listener) {
        topics.computeIfPresent(topic, (k, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        closed = true;
        topics.clear();
    }

    /** The topics that have listeners now, for tests. */
    public Set<String> topics() {
        return Set.copyOf(topics.keySet());
    }

    private static CompletionStage<Void> closedFailure() {
        return CompletableFuture.failedFuture(new IllegalStateException("The in-process backplane is closed"));
    }

    @Override
    public String toString() {
        return "in-process backplane";
    }
}
