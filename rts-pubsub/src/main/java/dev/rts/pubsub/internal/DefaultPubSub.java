package dev.rts.pubsub.internal;

import dev.rts.api.ClusterBus;
import dev.rts.api.Connections;
import dev.rts.api.Json;
import dev.rts.api.LogLimiter;
import dev.rts.api.ServiceContext;
import dev.rts.api.Session;
import dev.rts.pubsub.PubSub;
import dev.rts.pubsub.SessionChannels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The running service: publishes events, keeps the local index in step with connections and sessions, and relays
 * events to and from the server's cluster bus.
 *
 * <p>Each event is encoded once, to the payload string that browsers get. The service does not use the JSON
 * feature: the core sends a string payload as it is, so the same string goes to every local socket and, inside the
 * bus envelope, to every other node, which forwards it without decoding and encoding it again.
 */
public final class DefaultPubSub implements PubSub, ClusterBus.Listener {

    final PubSubConfig config;
    final LocalIndex index;
    final SessionAttribute attribute;
    private final ServiceContext context;
    private final Connections connections;
    private final Json json;
    private final Logger log;
    private final ClusterBus bus;
    private final String nodeId;
    private final Topics topics;
    private final AtomicBoolean relayFailing = new AtomicBoolean();
    /** Bus messages this service cannot use (another app or an older version on its topics): one line per 10 s. */
    private final LogLimiter dropped;
    private volatile boolean stopped;

    private DefaultPubSub(ServiceContext context, PubSubConfig config) {
        this.context = context;
        this.config = config;
        this.connections = context.connections();
        this.json = context.json();
        this.log = context.logger();
        this.dropped = new LogLimiter(log, 10_000_000_000L);
        this.bus = context.bus();
        this.nodeId = bus.nodeId();
        this.topics = new Topics("");
        this.attribute = new SessionAttribute(context.name() + ".channels", log);
        LocalIndex.Sessions sessions = new LocalIndex.Sessions() {
            @Override
            public boolean connectedHere(String sessionId) {
                return !connections.socketsOfSession(sessionId).isEmpty();
            }

            @Override
            public LocalIndex.Snapshot load(String sessionId) {
                return snapshot(sessionId);
            }
        };
        this.index = new LocalIndex(topics, new LocalIndex.TopicSwitch() {
            @Override
            public void on(String topic) {
                if (stopped) {
                    return;
                }
                watch(() -> bus.subscribe(topic, DefaultPubSub.this), "subscribe to", topic);
            }

            @Override
            public void off(String topic) {
                watch(() -> bus.unsubscribe(topic, DefaultPubSub.this), "unsubscribe from", topic);
            }
        }, sessions);
    }

    /**
     * Starts the service on a context: registers its handlers and subscribes to the bus topic {@code all}.
     *
     * @param context the service's context, during {@code Service.start}
     * @param config  the checked configuration
     * @return the running service
     */
    public static DefaultPubSub start(ServiceContext context, PubSubConfig config) {
        DefaultPubSub pubsub = new DefaultPubSub(context, config);
        context.onConnect(e -> pubsub.index.connected(e.sessionId()));
        context.onDisconnect(e -> pubsub.index.disconnected(e.sessionId()));
        context.onUserChange(change -> pubsub.userChanged(change.sessionId()));
        context.onAttributeChange(change -> {
            if (change.key().equals(pubsub.attribute.key())) {
                pubsub.channelsChanged(change.sessionId());
            }
        });
        context.onMessage(new ClientRequests(pubsub, config.authorizer(), context.json(), context.logger()));
        pubsub.watch(() -> pubsub.bus.subscribe(pubsub.topics.all(), pubsub), "subscribe to",
                pubsub.topics.all());
        context.logger().info("Pub/sub started as node {} on {}", pubsub.nodeId, pubsub.bus);
        return pubsub;
    }

    /** Stops publishing and leaves every bus topic. */
    public void stop() {
        stopped = true;
        bus.unsubscribe(topics.all(), this);
        for (String topic : index.topicsOn()) {
            bus.unsubscribe(topic, this);
        }
    }

    // ---- publishing: any thread, never blocks ----

    @Override
    public int all(String event, Object... args) {
        String payload = payload(Names.event(event), args, null);
        if (stopped) {
            return 0;
        }
        int sent = context.broadcast(payload);
        relay(List.of(topics.all()), payload);
        return sent;
    }

    @Override
    public int channel(String channel, String event, Object... args) {
        return channel(List.of(Names.channel(channel)), event, args);
    }

    @Override
    public int channel(Collection<String> channels, String event, Object... args) {
        Names.event(event);
        channels.forEach(Names::channel);
        if (stopped) {
            return 0;
        }
        int sent = 0;
        for (String channel : channels) {
            String payload = payload(event, args, channel);
            sent += toChannel(channel, payload);
            relay(List.of(topics.channel(channel)), payload);
        }
        return sent;
    }

    @Override
    public int user(String userId, String event, Object... args) {
        return user(List.of(Names.user(userId)), event, args);
    }

    @Override
    public int user(Collection<String> userIds, String event, Object... args) {
        Names.event(event);
        userIds.forEach(Names::user);
        if (stopped || userIds.isEmpty()) {
            return 0;
        }
        String payload = payload(event, args, null);
        int sent = toUsers(userIds, payload);
        relay(userIds.stream().map(topics::user).toList(), payload);
        return sent;
    }

    @Override
    public int socket(String socketId, String event, Object... args) {
        return socket(List.of(Names.socket(socketId)), event, args);
    }

    @Override
    public int socket(Collection<String> socketIds, String event, Object... args) {
        Names.event(event);
        socketIds.forEach(Names::socket);
        if (stopped || socketIds.isEmpty()) {
            return 0;
        }
        Collection<String> targets = socketIds.size() == 1 ? socketIds : new LinkedHashSet<>(socketIds);
        return context.send(targets, payload(event, args, null));
    }

    @Override
    public SessionChannels channels(String sessionId) {
        if (sessionId == null) {
            throw new IllegalArgumentException("Session id must not be null");
        }
        session(sessionId);
        return new DefaultSessionChannels(this, sessionId);
    }

    /** {@code {"e":event,"p":[args...]}}, plus {@code "c":channel} for channel events. */
    private String payload(String event, Object[] args, String channel) {
        Map<String, Object> message = new LinkedHashMap<>(4);
        message.put("e", event);
        message.put("p", args == null ? List.of() : Arrays.asList(args));
        if (channel != null) {
            message.put("c", channel);
        }
        return json.encode(message);
    }

    /** Queues a payload for every socket of the local sessions subscribed to a channel. */
    private int toChannel(String channel, String payload) {
        Set<String> sessions = index.sessionsOf(channel);
        if (sessions.isEmpty()) {
            return 0;
        }
        List<String> sockets = new ArrayList<>();
        for (String sessionId : sessions) {
            // The core's session index includes sockets whose connect listeners have not run yet.
            sockets.addAll(connections.socketsOfSession(sessionId));
        }
        return sockets.isEmpty() ? 0 : context.send(sockets, payload);
    }

    private int toUsers(Collection<String> userIds, String payload) {
        Collection<String> sockets;
        if (userIds.size() == 1) {
            sockets = connections.socketsOfUser(userIds.iterator().next());
        } else {
            sockets = new LinkedHashSet<>();
            for (String userId : userIds) {
                sockets.addAll(connections.socketsOfUser(userId));
            }
        }
        return sockets.isEmpty() ? 0 : context.send(sockets, payload);
    }

    // ---- cluster bus ----

    private void relay(List<String> topicNames, String payload) {
        byte[] message = Envelope.encode(nodeId, payload);
        for (String topic : topicNames) {
            CompletionStage<Void> sent;
            try {
                sent = bus.publish(topic, message);
            } catch (RuntimeException e) {
                relayFailed(topic, e);
                continue;
            }
            sent.whenComplete((ok, error) -> {
                if (error != null) {
                    relayFailed(topic, error);
                } else if (relayFailing.compareAndSet(true, false)) {
                    log.info("Pub/sub bus {} accepts events again", bus);
                }
            });
        }
    }

    private void relayFailed(String topic, Throwable error) {
        if (relayFailing.compareAndSet(false, true)) {
            log.warn("Pub/sub bus {} failed to publish on '{}'; other nodes miss events until it recovers "
                    + "(further failures are logged at DEBUG)", bus, topic, error);
        } else {
            log.debug("Pub/sub bus {} failed to publish on '{}': {}", bus, topic, error.toString());
        }
    }

    /** Delivers another node's event to the sockets here. Called on a bus thread. */
    @Override
    public void onMessage(String topic, byte[] message) {
        Envelope envelope = Envelope.decode(message);
        if (envelope == null) {
            dropped.warn("Dropped a bus message on '{}' that is not '{}|<nodeId>|<payload>' ({} bytes)", topic,
                    Envelope.VERSION, message.length);
            return;
        }
        if (envelope.nodeId().equals(nodeId) || stopped) {
            return;
        }
        String channel = topics.channelOf(topic);
        String user = channel == null ? topics.userOf(topic) : null;
        if (topic.equals(topics.all())) {
            context.broadcast(envelope.payload());
        } else if (channel != null) {
            toChannel(channel, envelope.payload());
        } else if (user != null) {
            toUsers(List.of(user), envelope.payload());
        } else {
            dropped.warn("Dropped a bus message on unknown topic '{}'", topic);
        }
    }

    /**
     * Starts a subscription change and logs its failure. A bus that throws rather than failing the stage is
     * treated the same: this runs inside the local index's updates, which must complete for local delivery to work.
     */
    private void watch(Supplier<CompletionStage<Void>> change, String what, String topic) {
        CompletionStage<Void> stage;
        try {
            stage = change.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((ok, error) -> {
            if (error != null && !stopped) {
                log.warn("Pub/sub could not {} bus topic '{}'; events on it from other nodes are missed",
                        what, topic, error);
            }
        });
    }

    // ---- sessions ----

    Session session(String sessionId) {
        return connections.session(sessionId).orElseThrow(() -> new IllegalArgumentException("Unknown session "
                + Names.session(sessionId) + ": it expired or never existed"));
    }

    private LocalIndex.Snapshot snapshot(String sessionId) {
        return connections.session(sessionId)
                .map(s -> new LocalIndex.Snapshot(attribute.read(s), s.userId().orElse(null)))
                .orElseGet(() -> new LocalIndex.Snapshot(Set.of(), null));
    }

    private void userChanged(String sessionId) {
        synchronized (index.lock(sessionId)) {
            // Read the user now rather than trusting the event: two sign-ins racing may report out of order.
            if (!connections.socketsOfSession(sessionId).isEmpty()) {
                index.userChanged(sessionId, connections.session(sessionId).flatMap(Session::userId).orElse(null));
            }
        }
    }

    /** Another process changed the session's subscriptions (a shared session store): follow them here. */
    private void channelsChanged(String sessionId) {
        synchronized (index.lock(sessionId)) {
            connections.session(sessionId).ifPresent(session -> index.resubscribed(sessionId, attribute.read(session)));
        }
    }

    /** This process's id on the cluster bus. */
    public String nodeId() {
        return nodeId;
    }

    /** How many sessions have a socket here, for tests. */
    public int localSessionCount() {
        return index.sessionCount();
    }

    /** The channels some local session is subscribed to, for tests. */
    public Set<String> localChannels() {
        return index.channels();
    }

    /** The local sessions the index has for a channel, for tests. */
    public Set<String> localSessionsOf(String channel) {
        return Set.copyOf(index.sessionsOf(channel));
    }

    @Override
    public String toString() {
        return "PubSub[node " + nodeId + "]";
    }
}
