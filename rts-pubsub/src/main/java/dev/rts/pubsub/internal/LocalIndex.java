package dev.rts.pubsub.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process needs to fan out channel events, and which bus topics it must listen to: the sessions with
 * at least one socket here, the channel -> sessions index built from their subscriptions, and how many of them each
 * user has signed in.
 *
 * <p>A session enters when its first socket connects here, or when it is subscribed or signs in while it has a
 * socket here whose connect listeners have not run yet; its subscriptions are read from the session attribute then.
 * It leaves when the core no longer has a socket of it. The core's session index is the truth for "has a socket
 * here", because it is updated before connect listeners run and before disconnect listeners run.
 *
 * <p>Changes for one session are serialised on that session's lock stripe; publishers read the index without
 * locks. The first session to enter a channel or user here switches its topic on, the last one to leave switches it
 * off, inside the map's per-key atomic update so that on and off for one topic keep their order.
 */
final class LocalIndex {

    /** Switches bus topics on and off. Must not block. */
    interface TopicSwitch {
        void on(String topic);

        void off(String topic);
    }

    /** What the index asks about sessions. */
    interface Sessions {
        /** Whether the core has a socket of the session on this process. */
        boolean connectedHere(String sessionId);

        /** The session's channels and user now. */
        Snapshot load(String sessionId);
    }

    /** A session's channels and user as stored. */
    record Snapshot(Set<String> channels, String userId) {
    }

    /** Guarded by the session's lock stripe. */
    private static final class LocalSession {
        final Set<String> channels = new LinkedHashSet<>();
        String userId;
    }

    private static final int STRIPES = 64;

    private final Object[] locks = new Object[STRIPES];
    private final Map<String, LocalSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sessionsByChannel = new ConcurrentHashMap<>();
    private final Map<String, Integer> sessionsByUser = new ConcurrentHashMap<>();
    private final Topics topics;
    private final TopicSwitch topicSwitch;
    private final Sessions store;

    LocalIndex(Topics topics, TopicSwitch topicSwitch, Sessions store) {
        this.topics = topics;
        this.topicSwitch = topicSwitch;
        this.store = store;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The lock that serialises every change to one session's subscriptions on this process. */
    Object lock(String sessionId) {
        return locks[Math.floorMod(sessionId.hashCode(), STRIPES)];
    }

    /** A socket of the session completed the handshake here. */
    void connected(String sessionId) {
        synchronized (lock(sessionId)) {
            enter(sessionId);
        }
    }

    /** A socket of the session closed; the session leaves once the core has none of its sockets left. */
    void disconnected(String sessionId) {
        synchronized (lock(sessionId)) {
            LocalSession local = sessions.get(sessionId);
            if (local == null || store.connectedHere(sessionId)) {
                return;
            }
            sessions.remove(sessionId);
            for (String channel : List.copyOf(local.channels)) {
                remove(local, sessionId, channel);
            }
            user(local, null);
        }
    }

    /** The session's user changed; {@code userId} is the one signed in now. */
    void userChanged(String sessionId, String userId) {
        synchronized (lock(sessionId)) {
            LocalSession local = enterIfConnected(sessionId);
            if (local != null) {
                user(local, userId);
            }
        }
    }

    /** The session attribute gained a channel. */
    void subscribed(String sessionId, String channel) {
        synchronized (lock(sessionId)) {
            LocalSession local = enterIfConnected(sessionId);
            if (local != null) {
                add(local, sessionId, channel);
            }
        }
    }

    /** The session attribute lost a channel. */
    void unsubscribed(String sessionId, String channel) {
        synchronized (lock(sessionId)) {
            LocalSession local = sessions.get(sessionId);
            if (local != null) {
                remove(local, sessionId, channel);
            }
        }
    }

    /** The session attribute was changed elsewhere and now holds these channels. */
    void resubscribed(String sessionId, Set<String> channels) {
        synchronized (lock(sessionId)) {
            LocalSession local = enterIfConnected(sessionId);
            if (local == null) {
                return;
            }
            for (String channel : List.copyOf(local.channels)) {
                if (!channels.contains(channel)) {
                    remove(local, sessionId, channel);
                }
            }
            channels.forEach(channel -> add(local, sessionId, channel));
        }
    }

    private LocalSession enterIfConnected(String sessionId) {
        LocalSession local = sessions.get(sessionId);
        if (local == null && store.connectedHere(sessionId)) {
            local = enter(sessionId);
        }
        return local;
    }

    private LocalSession enter(String sessionId) {
        LocalSession local = sessions.get(sessionId);
        if (local == null) {
            Snapshot snapshot = store.load(sessionId);
            local = new LocalSession();
            sessions.put(sessionId, local);
            for (String channel : snapshot.channels()) {
                add(local, sessionId, channel);
            }
            user(local, snapshot.userId());
        }
        return local;
    }

    /** The sessions here subscribed to a channel: a live, weakly consistent view for publishers. */
    Set<String> sessionsOf(String channel) {
        Set<String> found = sessionsByChannel.get(channel);
        return found == null ? Set.of() : found;
    }

    /** How many sessions have a socket here. */
    int sessionCount() {
        return sessions.size();
    }

    /** The channels some session here is subscribed to. */
    Set<String> channels() {
        return Set.copyOf(sessionsByChannel.keySet());
    }

    /** Every channel and user topic switched on now, for stop. */
    List<String> topicsOn() {
        List<String> on = new ArrayList<>();
        sessionsByChannel.keySet().forEach(channel -> on.add(topics.channel(channel)));
        sessionsByUser.keySet().forEach(user -> on.add(topics.user(user)));
        return on;
    }

    private void add(LocalSession local, String sessionId, String channel) {
        if (local.channels.add(channel)) {
            sessionsByChannel.compute(channel, (k, members) -> {
                Set<String> set = members;
                if (set == null) {
                    set = ConcurrentHashMap.newKeySet();
                    topicSwitch.on(topics.channel(k));
                }
                set.add(sessionId);
                return set;
            });
        }
    }

    private void remove(LocalSession local, String sessionId, String channel) {
        if (local.channels.remove(channel)) {
            sessionsByChannel.computeIfPresent(channel, (k, members) -> {
                members.remove(sessionId);
                if (members.isEmpty()) {
                    topicSwitch.off(topics.channel(k));
                    return null;
                }
                return members;
            });
        }
    }

    private void user(LocalSession local, String userId) {
        String previous = local.userId;
        if (Objects.equals(previous, userId)) {
            return;
        }
        local.userId = userId;
        if (previous != null) {
            sessionsByUser.computeIfPresent(previous, (k, count) -> {
                if (count == 1) {
                    topicSwitch.off(topics.user(k));
                    return null;
                }
                return count - 1;
            });
        }
        if (userId != null) {
            sessionsByUser.compute(userId, (k, count) -> {
                if (count == null) {
                    topicSwitch.on(topics.user(k));
                    return 1;
                }
                return count + 1;
            });
        }
    }
}
