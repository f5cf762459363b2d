package dev.rts.presence.internal;

import dev.rts.api.ClusterBus;
import dev.rts.api.Json;
import dev.rts.api.LogLimiter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * This node's part in keeping every node's {@link Replica} equal, over bus topic {@code sync} (see docs/PROTOCOL.md,
 * "Presence between nodes"). Each node owns the entries of its own connections and publishes them: changes as
 * numbered deltas, everything as a state when asked, and a heartbeat. A receiver applies a node's deltas in number
 * order, ignores numbers it has seen (so applying a message twice changes nothing), asks for the state when it sees
 * a gap or a node it does not know, and drops a node that said goodbye or stayed silent longer than the node
 * timeout. A node that starts, or whose bus link comes back, publishes its state and asks for everyone's.
 *
 * <p>Message building and applying run under the owner's lock; publishing runs outside it, on the owner's timer
 * thread only, so this node's messages leave in order.
 */
final class Cluster implements ClusterBus.Listener, ClusterBus.LinkListener {

    static final String TOPIC = "sync";
    private static final String VERSION = "1";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What this node knows of another. */
    private static final class Peer {
        final String epoch;
        long seq = -1;
        long lastSeen;

        Peer(String epoch) {
            this.epoch = epoch;
        }
    }

    private final ClusterBus bus;
    private final Json json;
    private final Logger log;
    private final long timeoutNanos;
    private final Replica replica;
    private final Object lock;
    private final Runnable flushSoon;
    private final String nodeId;
    private final String epoch;
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, Peer> peers = new HashMap<>();
    private final Set<String> askFrom = new LinkedHashSet<>();
    private final AtomicBoolean publishFailing = new AtomicBoolean();
    /** Bus messages this service cannot use (another app or an older version on its topics): one line per 10 s. */
    private final LogLimiter dropped;
    private long seq;
    private boolean askAll;
    private boolean stateWanted;

    Cluster(ClusterBus bus, Json json, Logger log, Duration nodeTimeout, Replica replica, Object lock,
            Runnable flushSoon) {
        this.bus = bus;
        this.json = json;
        this.log = log;
        this.dropped = new LogLimiter(log, 10_000_000_000L);
        this.timeoutNanos = nodeTimeout.toNanos();
        this.replica = replica;
        this.lock = lock;
        this.flushSoon = flushSoon;
        this.nodeId = bus.nodeId();
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        this.epoch = HexFormat.of().formatHex(bytes);
    }

    String nodeId() {
        return nodeId;
    }

    void start() {
        synchronized (lock) {
            askAll = true;
            stateWanted = true;
        }
        bus.subscribe(TOPIC, this).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("Presence could not subscribe to bus topic '{}'; other nodes' members stay unknown here",
                        TOPIC, error);
            }
        });
        bus.addLinkListener(this);
    }

    /** Says goodbye, so that the others drop this node's entries at once, and leaves the bus. */
    void stop() {
        publish(message("bye"));
        bus.unsubscribe(TOPIC, this);
        bus.removeLinkListener(this);
    }

    /** Notes that one of this node's entries changed. Under the lock. */
    void changed(String ref) {
        dirty.add(ref);
    }

    /** Publishes this node's changes, its state if someone asked, and its questions. Timer thread. */
    void flush() {
        List<Map<String, Object>> out = new ArrayList<>();
        synchronized (lock) {
            if (!dirty.isEmpty()) {
                List<Map<String, Object>> ops = new ArrayList<>();
                for (String ref : dirty) {
                    Replica.Entry entry = replica.entry(nodeId, ref);
                    ops.add(entry == null ? Map.of("r", ref, "gone", true) : encode(entry));
                }
                dirty.clear();
                seq++;
                Map<String, Object> delta = message("d");
                delta.put("ops", ops);
                out.add(delta);
            }
            if (stateWanted) {
                stateWanted = false;
                Map<String, Object> state = message("s");
                state.put("entries", replica.entriesOf(nodeId).stream().map(Cluster::encode).toList());
                out.add(state);
            }
            if (askAll) {
                askAll = false;
                askFrom.clear();
                Map<String, Object> query = message("q");
                query.put("to", "*");
                out.add(query);
            }
            for (String node : askFrom) {
                Map<String, Object> query = message("q");
                query.put("to", node);
                out.add(query);
            }
            askFrom.clear();
        }
        out.forEach(this::publish);
    }

    /** Says this node is alive and drops the nodes that stayed silent too long. Timer thread. */
    void heartbeat() {
        Map<String, Object> beat;
        synchronized (lock) {
            beat = message("h");
            long now = System.nanoTime();
            List<String> silent = new ArrayList<>();
            peers.forEach((node, peer) -> {
                if (now - peer.lastSeen > timeoutNanos) {
                    silent.add(node);
                }
            });
            for (String node : silent) {
                peers.remove(node);
                replica.dropNode(node);
                log.info("Presence node {} was silent for longer than the node timeout; its members left", node);
            }
        }
        publish(beat);
    }

    /** Another node's message. Bus thread. */
    @Override
    public void onMessage(String topic, byte[] bytes) {
        Map<?, ?> message;
        try {
            message = json.decode(new String(bytes, StandardCharsets.UTF_8), Map.class);
        } catch (RuntimeException e) {
            dropped.warn("Dropped a presence bus message that is not JSON ({} bytes)", bytes.length);
            return;
        }
        if (message == null || !VERSION.equals(message.get("v")) || !(message.get("n") instanceof String node)
                || !(message.get("e") instanceof String nodeEpoch) || !(message.get("s") instanceof Number number)
                || !(message.get("type") instanceof String type)) {
            dropped.warn("Dropped a presence bus message of an unknown version or shape ({} bytes)", bytes.length);
            return;
        }
        if (node.equals(nodeId)) {
            return;
        }
        long s = number.longValue();
        boolean send;
        synchronized (lock) {
            try {
                send = apply(node, nodeEpoch, s, type, message);
            } catch (RuntimeException e) {
                dropped.warn("Dropped a malformed presence bus message of type '{}' from node {}: {}", type, node,
                        e.toString());
                return;
            }
        }
        if (send) {
            flushSoon.run();
        }
    }

    /** Applies a message under the lock; returns whether this node now has something to publish. */
    private boolean apply(String node, String nodeEpoch, long s, String type, Map<?, ?> message) {
        if (type.equals("bye")) {
            peers.remove(node);
            replica.dropNode(node);
            return false;
        }
        Peer peer = peers.get(node);
        if (peer == null || !peer.epoch.equals(nodeEpoch)) {
            if (peer != null) {
                replica.dropNode(node); // the node restarted under the same id: its old entries are gone
            }
            peer = new Peer(nodeEpoch);
            peers.put(node, peer);
        }
        peer.lastSeen = System.nanoTime();
        switch (type) {
            case "d" -> {
                if (s <= peer.seq) {
                    return false;
                }
                // Every op is checked before the first is applied: a malformed one leaves the replica as it was.
                List<Object> ops = new ArrayList<>();
                for (Object op : (List<?>) message.get("ops")) {
                    ops.add(decodeOp(node, (Map<?, ?>) op));
                }
                for (Object op : ops) {
                    if (op instanceof Replica.Entry entry) {
                        replica.put(entry);
                    } else {
                        replica.remove(node, (String) op);
                    }
                }
                boolean gap = !(s == peer.seq + 1 || (peer.seq == -1 && s == 1));
                peer.seq = s;
                return gap && askFrom.add(node);
            }
            case "s" -> {
                List<Replica.Entry> entries = new ArrayList<>();
                for (Object e : (List<?>) message.get("entries")) {
                    entries.add(decode(node, (Map<?, ?>) e));
                }
                replica.replaceNode(node, entries);
                peer.seq = s;
                return false;
            }
            case "q" -> {
                boolean ask = s > peer.seq && !(peer.seq == -1 && s == 0) && askFrom.add(node);
                if (peer.seq == -1 && s == 0) {
                    peer.seq = 0;
                }
                Object to = message.get("to");
                if ("*".equals(to) || nodeId.equals(to)) {
                    stateWanted = true;
                    return true;
                }
                return ask;
            }
            case "h" -> {
                if (peer.seq == -1 && s == 0) {
                    peer.seq = 0;
                    return false;
                }
                return s > peer.seq && askFrom.add(node);
            }
            default -> {
                log.debug("Ignored presence bus message of type '{}' from node {}", type, node);
                return false;
            }
        }
    }

    /** The entry an op puts, or the ref of the entry it removes. */
    private static Object decodeOp(String node, Map<?, ?> op) {
        return Boolean.TRUE.equals(op.get("gone")) ? text(op, "r") : decode(node, op);
    }

    @Override
    public void linkLost() {
        log.warn("Presence lost the cluster bus: other nodes' members may go stale until it is back");
    }

    @Override
    public void linkRestored() {
        synchronized (lock) {
            stateWanted = true;
            askAll = true;
        }
        log.info("Presence has the cluster bus again: announcing this node's members and asking for the others'");
        flushSoon.run();
    }

    private Map<String, Object> message(String type) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("v", VERSION);
        message.put("type", type);
        message.put("n", nodeId);
        message.put("e", epoch);
        message.put("s", seq);
        return message;
    }

    private static Map<String, Object> encode(Replica.Entry entry) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("r", entry.ref());
        op.put("t", entry.topic());
        op.put("k", entry.key());
        op.put("m", entry.meta());
        return op;
    }

    /**
     * An entry of another node's message, checked whole: the replica's indexes need every part, and one that failed
     * halfway through putting an entry would fail every batch after it.
     */
    @SuppressWarnings("unchecked")
    private static Replica.Entry decode(String node, Map<?, ?> op) {
        if (!(op.get("m") instanceof Map<?, ?> meta)) {
            throw new IllegalArgumentException("entry without an object 'm'");
        }
        return new Replica.Entry(node, text(op, "t"), text(op, "k"), text(op, "r"), (Map<String, Object>) meta);
    }

    private static String text(Map<?, ?> op, String name) {
        if (!(op.get(name) instanceof String value)) {
            throw new IllegalArgumentException("entry without a string '" + name + "'");
        }
        return value;
    }

    private void publish(Map<String, Object> message) {
        byte[] bytes = json.encode(message).getBytes(StandardCharsets.UTF_8);
        try {
            bus.publish(TOPIC, bytes).whenComplete((ok, error) -> {
                if (error != null) {
                    publishFailed(error);
                } else if (publishFailing.compareAndSet(true, false)) {
                    log.info("Presence publishes on the cluster bus again");
                }
            });
        } catch (RuntimeException e) {
            publishFailed(e);
        }
    }

    private void publishFailed(Throwable error) {
        if (publishFailing.compareAndSet(false, true)) {
            log.warn("Presence could not publish on the cluster bus; other nodes see this node's members late "
                    + "(further failures are logged at DEBUG)", error);
        } else {
            log.debug("Presence could not publish on the cluster bus: {}", error.toString());
        }
    }
}
