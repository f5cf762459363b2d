package dev.rts.redis.internal;

import dev.rts.api.ClusterBus;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cluster bus on Redis pub/sub: bus topic {@code T} is the Redis channel {@code <prefix>bus:T}, and a message is
 * published as it is, so a system in another language reaches a topic with one {@code PUBLISH}. The link's one
 * subscribing connection carries every topic; Redis sends each message once per subscribed connection, so every node
 * gets it exactly once (while the link is up: at most once overall).
 */
public final class RedisBus implements ClusterBus {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A bus listener on one topic, equal to another for the same listener and topic (one subscription each). */
    private record Adapter(String topic, Listener listener) implements RedisLink.Listener {
        @Override
        public void onMessage(String channel, byte[] message) {
            listener.onMessage(topic, message);
        }
    }

    private final RedisLink link;
    private final String channelPrefix;
    private final String nodeId;
    private final Runnable onClose;
    private final List<LinkListener> linkListeners = new CopyOnWriteArrayList<>();
    /** This bus's subscriptions, so that close() drops exactly these (another bus may share the link). */
    private final Set<Adapter> subscriptions = ConcurrentHashMap.newKeySet();
    private final RedisLink.StateListener state = new RedisLink.StateListener() {
        @Override
        public void lost() {
            linkListeners.forEach(LinkListener::linkLost);
        }

        @Override
        public void restored() {
            linkListeners.forEach(LinkListener::linkRestored);
        }
    };
    private volatile boolean closed;

    /**
     * Creates a bus on a link.
     *
     * @param link    the link, shared with the session store
     * @param prefix  the app's key and channel prefix
     * @param onClose run once by {@link #close()}, to release the link
     */
    public RedisBus(RedisLink link, String prefix, Runnable onClose) {
        this.link = link;
        this.channelPrefix = prefix + "bus:";
        this.nodeId = HexFormat.of().formatHex(randomBytes());
        this.onClose = onClose;
        link.addStateListener(state);
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
            return closedStage();
        }
        return link.publish(channelPrefix + topic, message).thenApply(receivers -> null);
    }

    @Override
    public CompletionStage<Void> subscribe(String topic, Listener listener) {
        checkTopic(topic);
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            return closedStage();
        }
        Adapter adapter = new Adapter(topic, listener);
        subscriptions.add(adapter);
        return link.subscribe(channelPrefix + topic, adapter);
    }

    @Override
    public CompletionStage<Void> unsubscribe(String topic, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Adapter adapter = new Adapter(topic, listener);
        subscriptions.remove(adapter);
        return link.unsubscribe(channelPrefix + topic, adapter);
    }

    @Override
    public void addLinkListener(LinkListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!linkListeners.contains(listener)) {
            linkListeners.add(listener);
        }
    }

    @Override
    public void removeLinkListener(LinkListener listener) {
        linkListeners.remove(listener);
    }

    /** The Redis channel of a bus topic. */
    public String channel(String topic) {
        return channelPrefix + topic;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        link.removeStateListener(state);
        linkListeners.clear();
        for (Adapter adapter : subscriptions) {
            link.unsubscribe(channelPrefix + adapter.topic(), adapter);
        }
        subscriptions.clear();
        onClose.run();
    }

    private static void checkTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("Bus topic must not be empty");
        }
    }

    private static <T> CompletionStage<T> closedStage() {
        return CompletableFuture.failedFuture(new IllegalStateException("The Redis cluster bus is closed"));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "RedisBus[" + link.url() + ", channels " + channelPrefix + "*]";
    }
}
