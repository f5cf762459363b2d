package dev.rts.core.internal;

import dev.rts.api.ClusterBus;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One service's view of the server's bus: topics get {@code <mount name>:} in front, listeners see them without it.
 * It remembers what the service subscribed so that the server can drop what a stopped service left behind.
 */
final class ServiceBus implements ClusterBus {

    /** The listener the bus sees: equal for equal (view, listener) pairs, so unsubscribe finds it again. */
    private record Relative(String prefix, Listener listener) implements Listener {
        @Override
        public void onMessage(String topic, byte[] message) {
            listener.onMessage(topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic, message);
        }
    }

    private final ClusterBus bus;
    private final String service;
    private final String prefix;
    private final Set<Map.Entry<String, Listener>> subscribed = ConcurrentHashMap.newKeySet();
    private final Set<LinkListener> linkListeners = ConcurrentHashMap.newKeySet();

    ServiceBus(ClusterBus bus, String service) {
        this.bus = bus;
        this.service = service;
        this.prefix = service + ":";
    }

    @Override
    public String nodeId() {
        return bus.nodeId();
    }

    @Override
    public CompletionStage<Void> publish(String topic, byte[] message) {
        return bus.publish(prefix + checkTopic(topic), message);
    }

    @Override
    public CompletionStage<Void> subscribe(String topic, Listener listener) {
        Relative relative = new Relative(prefix, Objects.requireNonNull(listener, "listener"));
        subscribed.add(Map.entry(checkTopic(topic), listener));
        return bus.subscribe(prefix + topic, relative);
    }

    @Override
    public CompletionStage<Void> unsubscribe(String topic, Listener listener) {
        if (topic == null || listener == null) {
            return CompletableFuture.completedFuture(null);
        }
        subscribed.remove(Map.entry(topic, listener));
        return bus.unsubscribe(prefix + topic, new Relative(prefix, listener));
    }

    @Override
    public void addLinkListener(LinkListener listener) {
        linkListeners.add(Objects.requireNonNull(listener, "listener"));
        bus.addLinkListener(listener);
    }

    @Override
    public void removeLinkListener(LinkListener listener) {
        if (listener != null) {
            linkListeners.remove(listener);
            bus.removeLinkListener(listener);
        }
    }

    /** Services never close the server's bus. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("The cluster bus belongs to the server; service '" + service
                + "' cannot close it");
    }

    /** Drops the subscriptions and link listeners the stopped service left behind. */
    void release() {
        for (Map.Entry<String, Listener> entry : Set.copyOf(subscribed)) {
            unsubscribe(entry.getKey(), entry.getValue());
        }
        Set.copyOf(linkListeners).forEach(this::removeLinkListener);
    }

    private static String checkTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("A bus topic must not be empty but was "
                    + (topic == null ? "null" : "''"));
        }
        return topic;
    }

    @Override
    public String toString() {
        return bus + " as '" + service + "'";
    }
}
