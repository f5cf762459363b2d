package dev.rts.redis.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server process's link to Redis: a command connection (pipelined, shared by every caller) and one subscribing
 * connection, whatever the number of topics and sockets. Lettuce reconnects both with exponential backoff; once both
 * are back, the link subscribes again to every topic it has listeners for (also those whose SUBSCRIBE failed during
 * the outage) and then tells its {@link StateListener}s. While Redis is unreachable, commands fail at once instead of queueing
 * (nothing waits without bound), and publishes are counted as lost.
 *
 * <p>Thread-safe. No method blocks except {@link #open} and {@link #close}. Listeners are called on Lettuce's event
 * loop thread, in the order Redis sent the messages, and must not block.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("rts.redis");
    private static final Duration RESUBSCRIBE_RETRY = Duration.ofSeconds(1);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** Receives the messages of one topic. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Handles one message; must not block.
         *
         * @param topic   the Redis channel
         * @param message the bytes as published; do not modify
         */
        void onMessage(String topic, byte[] message);
    }

    private final RedisUrl url;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();
    /**
     * Topics whose UNSUBSCRIBE Redis did not take (the subscribing connection was down). Lettuce subscribes its
     * connection again to every channel Redis last confirmed, these among them, so the link leaves them again.
     */
    private final Set<String> strays = ConcurrentHashMap.newKeySet();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong lostInOutage = new AtomicLong();
    private final List<StateListener> stateListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong resubscribeFailures = new AtomicLong();
    /** Read outside the lock by {@link #resubscribeIfBack}, on another event loop thread than the one that set it. */
    private volatile boolean down;
    private long outageStartedNanos;
    private volatile boolean closed;

    private RedisLink(RedisUrl url, ClientResources resources, RedisClient client,
                      StatefulRedisConnection<String, byte[]> commands,
                      StatefulRedisPubSubConnection<String, byte[]> subscriber) {
        this.url = url;
        this.resources = resources;
        this.client = client;
        this.commands = commands;
        this.subscriber = subscriber;
    }

    /**
     * Connects both connections, blocking up to the connect timeout for each.
     *
     * @param url            where
     * @param connectTimeout how long one connection attempt may take
     * @param commandTimeout how long a command may wait for its answer
     * @return the open link
     * @throws IllegalStateException if Redis cannot be reached or refuses the credentials, naming the URL (password
     *                               hidden)
     */
    public static RedisLink open(RedisUrl url, Duration connectTimeout, Duration commandTimeout) {
        ClientResources resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        RedisURI.Builder uri = RedisURI.builder().withHost(url.host()).withPort(url.port())
                .withDatabase(url.database()).withSsl(url.tls()).withTimeout(commandTimeout);
        if (url.password() != null) {
            if (url.user() != null) {
                uri.withAuthentication(url.user(), url.password().toCharArray());
            } else {
                uri.withPassword(url.password().toCharArray());
            }
        }
        RedisClient client = RedisClient.create(resources, uri.build());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        StatefulRedisConnection<String, byte[]> commands = null;
        try {
            commands = client.connect(CODEC);
            StatefulRedisPubSubConnection<String, byte[]> subscriber = client.connectPubSub(CODEC);
            RedisLink link = new RedisLink(url, resources, client, commands, subscriber);
            link.start();
            return link;
        } catch (RuntimeException e) {
            if (commands != null) {
                commands.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw new IllegalStateException("Cannot reach Redis at " + url + ": " + rootMessage(e)
                    + ". Start Redis there, or fix the URL (RTS_REDIS_URL or Redis.builder().url(...))", e);
        }
    }

    private void start() {
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                deliver(channel, message);
            }
        });
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == subscriber || connection == commands) {
                    resubscribeIfBack();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!closed && (connection == subscriber || connection == commands)) {
                    linkLost();
                }
            }
        });
    }

    /** Adds a listener told when the link goes down and when it is back with every subscription active again. */
    public void addStateListener(StateListener listener) {
        stateListeners.add(listener);
    }

    /** Removes a state listener. */
    public void removeStateListener(StateListener listener) {
        stateListeners.remove(listener);
    }

    /** Told when the link goes down and comes back; called on Lettuce's threads, must not block. */
    public interface StateListener {
        /** The link went down. */
        void lost();

        /** Both connections are up again and every topic is subscribed again. */
        void restored();
    }

    private synchronized void linkLost() {
        if (down) {
            return;
        }
        down = true;
        outageStartedNanos = System.nanoTime();
        LOG.warn("Lost Redis at {}: local delivery goes on, the link reconnects with backoff; events published "
                + "meanwhile do not reach the other servers (pub/sub is at most once)", url);
        stateListeners.forEach(listener -> notify(listener::lost));
    }

    /**
     * Once both connections are up: leave the topics left during the outage, subscribe to every topic again, then
     * report the link restored.
     */
    private void resubscribeIfBack() {
        if (closed || !down || !commands.isOpen() || !subscriber.isOpen()) {
            return;
        }
        for (String stray : strays) {
            listeners.compute(stray, (k, set) -> {
                if (set == null) {
                    // Inside compute, so that a SUBSCRIBE of the same topic meanwhile goes to Redis after this.
                    unsubscribeStray(k);
                }
                return set;
            });
        }
        String[] topics = listeners.keySet().toArray(String[]::new);
        CompletionStage<Void> subscribed = topics.length == 0 ? CompletableFuture.completedFuture(null)
                : subscriber.async().subscribe(topics).thenApply(ok -> null);
        subscribed.whenComplete((ok, error) -> {
            if (error != null) {
                // The connection may be up and Redis refusing (BUSY running a script): no reconnect would come to
                // try again, and the link would stay deaf to every topic.
                if (resubscribeFailures.getAndIncrement() == 0) {
                    LOG.warn("Could not subscribe again to {} Redis channel(s) at {}, trying again every {} ms: {}",
                            topics.length, url, RESUBSCRIBE_RETRY.toMillis(), rootMessage(error));
                } else {
                    LOG.debug("Could not subscribe again at {}: {}", url, rootMessage(error));
                }
                resubscribeLater();
                return;
            }
            restored();
        });
    }

    private void resubscribeLater() {
        if (!closed) {
            CompletableFuture.delayedExecutor(RESUBSCRIBE_RETRY.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(this::resubscribeIfBack);
        }
    }

    private synchronized void restored() {
        if (!down || closed || !healthy()) {
            return;
        }
        down = false;
        resubscribeFailures.set(0);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStartedNanos);
        LOG.info("Redis at {} is back after {} ms; {} message(s) published meanwhile were lost for the other servers",
                url, millis, lostInOutage.getAndSet(0));
        stateListeners.forEach(listener -> notify(listener::restored));
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("A Redis link state listener failed", e);
        }
    }

    private void deliver(String topic, byte[] message) {
        Set<Listener> targets = listeners.get(topic);
        if (targets == null) {
            return;
        }
        for (Listener listener : targets) {
            try {
                listener.onMessage(topic, message);
            } catch (RuntimeException e) {
                LOG.error("A Redis message listener failed on '{}'", topic, e);
            }
        }
    }

    /**
     * Adds a listener to a topic; the first one subscribes the link to it.
     *
     * @return completes once Redis confirmed the subscription, or exceptionally if it could not (the link tries
     *         again: every second while it is up and Redis refuses, after it reconnects if it was down)
     */
    public CompletionStage<Void> subscribe(String topic, Listener listener) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        listeners.compute(topic, (k, set) -> {
            Set<Listener> next = set == null ? new CopyOnWriteArraySet<>() : set;
            if (set == null) {
                // Inside compute, so that SUBSCRIBE and UNSUBSCRIBE of one topic go to Redis in the map's order.
                completeWith(done, () -> subscriber.async().subscribe(k));
                done.whenComplete((ok, error) -> {
                    if (error != null) {
                        reconcileLater(k);
                    }
                });
            } else {
                done.complete(null);
            }
            next.add(listener);
            return next;
        });
        return done;
    }

    /**
     * Removes a listener from a topic; the last one unsubscribes the link.
     *
     * @return completes once Redis confirmed, or at once if other listeners remain
     */
    public CompletionStage<Void> unsubscribe(String topic, Listener listener) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicBoolean sent = new AtomicBoolean();
        listeners.computeIfPresent(topic, (k, set) -> {
            set.remove(listener);
            if (set.isEmpty()) {
                sent.set(true);
                completeWith(done, () -> subscriber.async().unsubscribe(k));
                done.whenComplete((ok, error) -> {
                    if (error != null) {
                        strays.add(k);
                        reconcileLater(k);
                    }
                });
                return null;
            }
            return set;
        });
        if (!sent.get()) {
            done.complete(null);
        }
        return done;
    }

    /**
     * A second from now, makes Redis match this link's listeners for one topic, after Redis refused its SUBSCRIBE or
     * UNSUBSCRIBE (busy running a script, say). While the link is down this is left to the resubscribe that follows
     * the reconnect.
     */
    private void reconcileLater(String topic) {
        if (closed) {
            return;
        }
        CompletableFuture.delayedExecutor(RESUBSCRIBE_RETRY.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (closed || down) {
                return;
            }
            listeners.compute(topic, (k, set) -> {
                CompletableFuture<Void> again = new CompletableFuture<>();
                if (set != null) {
                    completeWith(again, () -> subscriber.async().subscribe(k));
                } else if (strays.contains(k)) {
                    completeWith(again, () -> subscriber.async().unsubscribe(k));
                    again.thenRun(() -> strays.remove(k));
                } else {
                    return null;
                }
                again.whenComplete((ok, error) -> {
                    if (error != null) {
                        reconcileLater(k);
                    }
                });
                return set;
            });
        });
    }

    private void unsubscribeStray(String topic) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        completeWith(done, () -> subscriber.async().unsubscribe(topic));
        done.whenComplete((ok, error) -> {
            if (error == null) {
                strays.remove(topic);
            } else {
                reconcileLater(topic);
            }
        });
    }

    /**
     * Publishes a message; a message Redis did not take (the link is down) is counted as lost.
     *
     * @return completes with the number of subscribers Redis reached, or exceptionally if it was lost
     */
    public CompletionStage<Long> publish(String topic, byte[] message) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        try {
            commands.async().publish(topic, message).whenComplete((receivers, error) -> {
                if (error != null) {
                    lost();
                    done.completeExceptionally(error);
                } else {
                    done.complete(receivers);
                }
            });
        } catch (RuntimeException e) {
            lost();
            done.completeExceptionally(e);
        }
        return done;
    }

    private void lost() {
        lost.incrementAndGet();
        lostInOutage.incrementAndGet();
    }

    private static void completeWith(CompletableFuture<Void> done,
                                     Supplier<RedisFuture<Void>> command) {
        try {
            command.get().whenComplete((ok, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /** The command connection, for the session store's scripts. */
    public StatefulRedisConnection<String, byte[]> commands() {
        return commands;
    }

    /** Whether both connections are up now. */
    public boolean healthy() {
        return !closed && commands.isOpen() && subscriber.isOpen();
    }

    /** Messages published through this link that Redis did not take, since it opened. */
    public long lostMessages() {
        return lost.get();
    }

    /** The topics this link is subscribed to (or will subscribe to again when it reconnects). */
    public Set<String> topics() {
        return Set.copyOf(listeners.keySet());
    }

    /** Where it connects, password hidden. */
    public RedisUrl url() {
        return url;
    }

    /** The first cause's message, for errors in RTS's words rather than a stack of Lettuce wrappers. */
    static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** Closes both connections and Lettuce's threads; waits up to two seconds. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        listeners.clear();
        subscriber.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "Redis[" + url + "]";
    }
}
