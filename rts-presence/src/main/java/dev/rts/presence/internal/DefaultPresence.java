package dev.rts.presence.internal;

import dev.rts.api.ClusterBus;
import dev.rts.api.ConnectionEvent;
import dev.rts.api.Json;
import dev.rts.api.ServiceContext;
import dev.rts.api.Session;
import dev.rts.presence.Presence;
import dev.rts.presence.PresenceListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * The running service. This node's connections own entries ({@link Local}); every node's entries, this node's
 * included, are in the {@link Replica}. One lock guards both, the watchers and the peers; frames are only queued
 * under it, which never blocks. A single timer thread flushes batches (diffs to watchers, this node's changes to the
 * bus), sends heartbeats, expires grace periods and drops silent nodes, so this node's bus messages leave in order.
 */
public final class DefaultPresence implements Presence {

    private static final Pattern TOPIC = Pattern.compile("[^\\p{Cntrl}]{1,128}");

    final PresenceConfig config;
    private final ServiceContext context;
    private final Json json;
    private final Logger log;
    private final Cluster cluster;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private final Replica replica = new Replica();
    private final Map<String, Conn> conns = new HashMap<>();
    private final Map<String, List<Local>> lingering = new HashMap<>();
    private final Map<String, Watchers> watchers = new HashMap<>();
    private final List<PresenceListener> listeners = new CopyOnWriteArrayList<>();
    private long refs;
    private volatile boolean stopped;

    /** One connection open on this node. */
    private static final class Conn {
        final String socketId;
        final String sessionId;
        final Map<String, Local> topics = new LinkedHashMap<>();
        final Set<String> watches = new LinkedHashSet<>();

        Conn(String socketId, String sessionId) {
            this.socketId = socketId;
            this.sessionId = sessionId;
        }
    }

    /** An entry this node owns: one connection in one topic (or lingering in its grace period). */
    private static final class Local {
        final String topic;
        final String sessionId;
        String key;
        String ref;
        Map<String, Object> meta;
        boolean tracked;
        ScheduledFuture<?> expiry;

        Local(String topic, String sessionId) {
            this.topic = topic;
            this.sessionId = sessionId;
        }
    }

    /** The sockets on this node watching one topic. */
    private static final class Watchers {
        final Set<String> lists = new LinkedHashSet<>();
        final Set<String> counts = new LinkedHashSet<>();

        boolean isEmpty() {
            return lists.isEmpty() && counts.isEmpty();
        }
    }

    private DefaultPresence(ServiceContext context, PresenceConfig config) {
        this.context = context;
        this.config = config;
        this.json = context.json();
        this.log = context.logger();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rts-presence-" + context.name());
            t.setDaemon(true);
            return t;
        });
        this.cluster = new Cluster(context.bus(), json, log, config.nodeTimeout(), replica, lock, this::flushSoon);
    }

    /**
     * Starts the service on a context.
     *
     * @param context the service's context, during {@code Service.start}
     * @param config  the checked configuration
     * @return the running service
     */
    public static DefaultPresence start(ServiceContext context, PresenceConfig config) {
        DefaultPresence presence = new DefaultPresence(context, config);
        context.onConnect(presence::connected);
        context.onDisconnect(e -> presence.disconnected(e.socketId()));
        context.onUserChange(change -> presence.userChanged(change.sessionId()));
        context.onMessage(new ClientRequests(presence, config.authorizer(), context.json(), context.logger()));
        presence.cluster.start();
        long batch = config.batchInterval().toMillis();
        presence.timer.scheduleWithFixedDelay(presence::flush, batch, batch, TimeUnit.MILLISECONDS);
        long beat = config.heartbeatInterval().toMillis();
        presence.timer.scheduleWithFixedDelay(presence::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        presence.flushSoon();
        context.logger().info("Presence started as node {} on {}: grace {}, batches every {}, node timeout {}",
                presence.cluster.nodeId(), context.bus(), config.gracePeriod(), config.batchInterval(),
                config.nodeTimeout());
        return presence;
    }

    /** Stops the timers and says goodbye on the bus. */
    public void stop() {
        stopped = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cluster.stop();
    }

    // ---- connections ----

    private void connected(ConnectionEvent event) {
        synchronized (lock) {
            conns.put(event.socketId(), new Conn(event.socketId(), event.sessionId()));
        }
        applyTracker(event.socketId(), event.sessionId());
    }

    private void disconnected(String socketId) {
        synchronized (lock) {
            Conn conn = conns.remove(socketId);
            if (conn == null) {
                return;
            }
            for (String topic : conn.watches) {
                unwatchLocked(socketId, topic);
            }
            for (Local local : conn.topics.values()) {
                if (config.gracePeriod().isZero() || stopped) {
                    removeOwn(local);
                    continue;
                }
                lingering.computeIfAbsent(local.sessionId, k -> new ArrayList<>()).add(local);
                local.expiry = timer.schedule(() -> expire(local), config.gracePeriod().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private void expire(Local local) {
        synchronized (lock) {
            List<Local> waiting = lingering.get(local.sessionId);
            if (waiting != null && waiting.remove(local)) {
                if (waiting.isEmpty()) {
                    lingering.remove(local.sessionId);
                }
                removeOwn(local);
            }
        }
    }

    /**
     * Re-keys the session's entries on this node. The tracker's stale topics are left first, so that signing out of
     * a topic the tracker keeps for signed-in users shows one leave, not a leave, a join under the anonymous key and
     * a leave again.
     */
    private void userChanged(String sessionId) {
        Map<String, Map<String, ?>> wanted = trackerTopics(sessionId);
        List<String> sockets = new ArrayList<>();
        synchronized (lock) {
            String key = keyOf(sessionId);
            for (Conn conn : conns.values()) {
                if (!conn.sessionId.equals(sessionId)) {
                    continue;
                }
                sockets.add(conn.socketId);
                if (wanted != null) {
                    conn.topics.values().removeIf(local -> {
                        boolean stale = local.tracked && !wanted.containsKey(local.topic);
                        if (stale) {
                            removeOwn(local);
                        }
                        return stale;
                    });
                }
                for (Local local : conn.topics.values()) {
                    if (!local.key.equals(key)) {
                        removeOwn(local);
                        local.key = key;
                        local.ref = newRef();
                        putOwn(local);
                    }
                }
            }
        }
        if (wanted != null) {
            sockets.forEach(socketId -> joinTracked(socketId, wanted));
        }
    }

    /** A new connection: the tracker's topics for its session. */
    private void applyTracker(String socketId, String sessionId) {
        Map<String, Map<String, ?>> wanted = trackerTopics(sessionId);
        if (wanted != null) {
            joinTracked(socketId, wanted);
        }
    }

    /** What the tracker lists for a session now, or {@code null} if the session is gone or the tracker failed. */
    private Map<String, Map<String, ?>> trackerTopics(String sessionId) {
        Optional<Session> session = context.connections().session(sessionId);
        if (session.isEmpty()) {
            return null;
        }
        try {
            return Map.copyOf(config.tracker().topicsFor(session.get()));
        } catch (RuntimeException e) {
            log.error("PresenceTracker failed for session of key {}; it tracks nothing for it now",
                    Keys.anonymous(sessionId), e);
            return null;
        }
    }

    private void joinTracked(String socketId, Map<String, Map<String, ?>> wanted) {
        wanted.forEach((topic, meta) -> {
            try {
                join(socketId, topic, meta, true);
            } catch (RuntimeException e) {
                log.warn("PresenceTracker put socket {} into topic '{}' but it was refused: {}", socketId, topic,
                        e.getMessage());
            }
        });
    }

    // ---- joining and leaving: any thread ----

    /**
     * Puts a connection into a topic, or replaces its meta there.
     *
     * @return the entry's ref
     */
    String join(String socketId, String topic, Map<String, ?> meta, boolean tracked) {
        checkTopic(topic);
        Map<String, Object> checked = checkMeta(meta);
        synchronized (lock) {
            Conn conn = connection(socketId);
            String key = keyOf(conn.sessionId);
            Local local = conn.topics.get(topic);
            if (local != null) {
                if (!local.key.equals(key)) {
                    // The session's user changed and userChanged has not re-keyed this entry yet: re-key it here, as
                    // it would. Replacing it with a new entry would leave this one in the topic for good.
                    removeOwn(local);
                    local.key = key;
                    local.ref = newRef();
                }
                local.meta = checked;
                local.tracked |= tracked;
                putOwn(local);
                return local.ref;
            }
            if (conn.topics.size() >= config.maxTopicsPerConnection()) {
                throw new IllegalStateException("Presence bound maxTopicsPerConnection (" + config.maxTopicsPerConnection()
                        + ") reached: this connection is already in " + conn.topics.size() + " topics; leave one "
                        + "first");
            }
            if (!replica.hasKey(topic, key) && replica.count(topic) >= config.maxMembersPerTopic()) {
                throw new IllegalStateException("Presence bound maxMembersPerTopic (" + config.maxMembersPerTopic()
                        + ") reached: topic '" + topic + "' has " + replica.count(topic) + " members");
            }
            local = takeLingering(conn.sessionId, topic, key);
            if (local == null) {
                local = new Local(topic, conn.sessionId);
                local.key = key;
                local.ref = newRef();
            }
            local.meta = checked;
            local.tracked = tracked;
            conn.topics.put(topic, local);
            putOwn(local);
            return local.ref;
        }
    }

    /** Replaces the meta of a connection already in a topic. */
    String update(String socketId, String topic, Map<String, ?> meta) {
        checkTopic(topic);
        synchronized (lock) {
            if (!connection(socketId).topics.containsKey(topic)) {
                throw new IllegalStateException("Not in topic '" + topic + "': join it before updating its meta");
            }
        }
        return join(socketId, topic, meta, false);
    }

    /** Takes a connection out of a topic at once. */
    boolean leave(String socketId, String topic) {
        synchronized (lock) {
            Conn conn = conns.get(socketId);
            Local local = conn == null ? null : conn.topics.remove(topic);
            if (local == null) {
                return false;
            }
            removeOwn(local);
            return true;
        }
    }

    /** A lingering entry of the same session, key and topic, taken over by a new connection: no leave, no join. */
    private Local takeLingering(String sessionId, String topic, String key) {
        List<Local> waiting = lingering.get(sessionId);
        if (waiting == null) {
            return null;
        }
        for (Local local : waiting) {
            if (local.topic.equals(topic) && local.key.equals(key)) {
                waiting.remove(local);
                if (waiting.isEmpty()) {
                    lingering.remove(sessionId);
                }
                local.expiry.cancel(false);
                return local;
            }
        }
        return null;
    }

    private void putOwn(Local local) {
        Map<String, Object> wire = new LinkedHashMap<>(local.meta);
        wire.put("ref", local.ref);
        replica.put(new Replica.Entry(cluster.nodeId(), local.topic, local.key, local.ref, wire));
        cluster.changed(local.ref);
    }

    private void removeOwn(Local local) {
        replica.remove(cluster.nodeId(), local.ref);
        cluster.changed(local.ref);
    }

    private String newRef() {
        return cluster.nodeId() + "." + Long.toString(++refs, 36);
    }

    private Conn connection(String socketId) {
        Conn conn = conns.get(socketId);
        if (conn == null) {
            throw new IllegalArgumentException("Unknown socket " + (socketId == null ? "null" : "'" + socketId + "'")
                    + ": it is not open on this server");
        }
        return conn;
    }

    /** The user id when signed in, else an opaque key derived from the session id, which stays a secret. */
    private String keyOf(String sessionId) {
        return context.connections().session(sessionId).flatMap(Session::userId)
                .orElseGet(() -> Keys.anonymous(sessionId));
    }

    // ---- watching ----

    /** Starts watching: sends the sync (or the count) now; diffs follow in batches. */
    void watch(String socketId, String topic, boolean countOnly) {
        checkTopic(topic);
        synchronized (lock) {
            Conn conn = connection(socketId);
            if (!conn.watches.contains(topic) && conn.watches.size() >= config.maxWatchesPerConnection()) {
                throw new IllegalStateException("Presence bound maxWatchesPerConnection ("
                        + config.maxWatchesPerConnection() + ") reached: this connection already watches "
                        + conn.watches.size() + " topics; unwatch one first");
            }
            unwatchLocked(socketId, topic);
            flushTopicLocked(topic);
            conn.watches.add(topic);
            Watchers w = watchers.computeIfAbsent(topic, k -> new Watchers());
            Map<String, Object> first = new LinkedHashMap<>();
            if (countOnly) {
                w.counts.add(socketId);
                first.put("count", topic);
                first.put("n", replica.count(topic));
            } else {
                w.lists.add(socketId);
                first.put("sync", topic);
                first.put("s", replica.members(topic));
            }
            context.send(socketId, json.encode(first));
        }
    }

    /**
     * Ends the topic's batch now, before a watcher joins it: the new watcher's sync (or count) shows the batch's
     * changes so far, and the diffs it gets after must start from there. Otherwise a member that joined before the
     * sync and left after it in the same batch would never be seen leaving (the batch as a whole changed nothing),
     * and a count watcher would keep the count of its sync.
     */
    private void flushTopicLocked(String topic) {
        Replica.TopicDiff diff = replica.drainChanges(topic);
        if (diff == null) {
            return;
        }
        sendDiff(topic, diff);
        if (!listeners.isEmpty()) {
            try {
                timer.execute(() -> tellListeners(topic, diff)); // listeners run on the service's thread
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    boolean unwatch(String socketId, String topic) {
        synchronized (lock) {
            Conn conn = conns.get(socketId);
            if (conn == null || !conn.watches.remove(topic)) {
                return false;
            }
            unwatchLocked(socketId, topic);
            return true;
        }
    }

    private void unwatchLocked(String socketId, String topic) {
        Watchers w = watchers.get(topic);
        if (w != null) {
            w.lists.remove(socketId);
            w.counts.remove(socketId);
            if (w.isEmpty()) {
                watchers.remove(topic);
            }
        }
    }

    // ---- batches: the timer thread ----

    private void flushSoon() {
        if (!stopped) {
            try {
                timer.execute(this::flush);
            } catch (RejectedExecutionException e) {
                // stopping: the goodbye replaces any batch
            }
        }
    }

    private void flush() {
        try {
            Map<String, Replica.TopicDiff> diffs;
            synchronized (lock) {
                diffs = replica.drainChanges();
                diffs.forEach(this::sendDiff);
            }
            cluster.flush();
            if (!listeners.isEmpty()) {
                diffs.forEach(this::tellListeners);
            }
        } catch (RuntimeException e) {
            log.error("Presence batch failed", e);
        }
    }

    private void sendDiff(String topic, Replica.TopicDiff diff) {
        Watchers w = watchers.get(topic);
        if (w == null) {
            return;
        }
        if (!diff.isEmpty() && !w.lists.isEmpty()) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("diff", topic);
            message.put("j", diff.joins());
            message.put("l", diff.leaves());
            context.send(w.lists, json.encode(message));
        }
        if (diff.countBefore() != diff.countAfter() && !w.counts.isEmpty()) {
            context.send(w.counts, json.encode(Map.of("count", topic, "n", diff.countAfter())));
        }
    }

    private void tellListeners(String topic, Replica.TopicDiff diff) {
        for (PresenceListener listener : listeners) {
            try {
                diff.joinedKeys().forEach((key, metas) -> listener.joined(topic, key, metas));
                diff.leftKeys().forEach(key -> listener.left(topic, key));
            } catch (RuntimeException e) {
                log.error("PresenceListener {} failed on topic '{}'", listener, topic, e);
            }
        }
    }

    private void heartbeat() {
        try {
            cluster.heartbeat();
        } catch (RuntimeException e) {
            log.error("Presence heartbeat failed", e);
        }
    }

    // ---- server API ----

    @Override
    public List<Member> list(String topic) {
        synchronized (lock) {
            List<Member> members = new ArrayList<>();
            replica.members(topic).forEach((key, metas) -> members.add(new Member(key, metas)));
            return members;
        }
    }

    @Override
    public int count(String topic) {
        synchronized (lock) {
            return replica.count(topic);
        }
    }

    @Override
    public String track(String socketId, String topic, Map<String, ?> meta) {
        return join(socketId, topic, meta, false);
    }

    @Override
    public boolean untrack(String socketId, String topic) {
        return leave(socketId, topic);
    }

    @Override
    public void addListener(PresenceListener listener) {
        if (!listeners.contains(Objects.requireNonNull(listener, "listener"))) {
            listeners.add(listener);
        }
    }

    @Override
    public void removeListener(PresenceListener listener) {
        listeners.remove(listener);
    }

    // ---- checks ----

    static void checkTopic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("A presence topic is 1 to 128 characters without control characters "
                    + "but was " + (topic == null ? "null" : "'" + Keys.shorten(topic) + "'"));
        }
    }

    private Map<String, Object> checkMeta(Map<String, ?> meta) {
        if (meta == null) {
            return Map.of();
        }
        int bytes = json.encode(meta).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.maxMetaBytes()) {
            throw new IllegalArgumentException("Presence bound maxMetaBytes (" + config.maxMetaBytes()
                    + ") exceeded: the meta is " + bytes + " bytes of JSON");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        meta.forEach((k, v) -> copy.put(String.valueOf(k), v));
        copy.remove("ref");
        return copy;
    }

    /** This node's id on the bus, for tests. */
    public String nodeId() {
        return cluster.nodeId();
    }

    /** How many entries this node owns or keeps in their grace period, for tests. */
    public int ownEntryCount() {
        synchronized (lock) {
            return replica.entriesOf(cluster.nodeId()).size();
        }
    }

    @Override
    public String toString() {
        return "Presence[node " + cluster.nodeId() + "]";
    }
}
