package dev.rts.presence.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every node's entries, this node's included, and the changes since the last batch. Not thread-safe: its owner
 * guards it with one lock.
 *
 * <p>An entry is identified by its ref, unique in the cluster; putting an entry again with the same content changes
 * nothing, and removing a missing one changes nothing, so messages applied twice do no harm.
 */
final class Replica {

    /**
     * One connection's entry in one topic.
     *
     * @param node  the node that owns it
     * @param topic the topic
     * @param key   the member key
     * @param ref   unique in the cluster
     * @param meta  the meta as browsers get it, {@code "ref"} included
     */
    record Entry(String node, String topic, String key, String ref, Map<String, Object> meta) {
    }

    /** What a batch changed in one topic. */
    record TopicDiff(Map<String, List<Map<String, Object>>> joins, Map<String, List<Map<String, Object>>> leaves,
                     Map<String, List<Map<String, Object>>> joinedKeys, List<String> leftKeys, int countBefore,
                     int countAfter) {
        boolean isEmpty() {
            return joins.isEmpty() && leaves.isEmpty();
        }
    }

    private final Map<String, Map<String, Entry>> byNode = new HashMap<>();
    private final Map<String, Map<String, Map<String, Entry>>> byTopic = new HashMap<>();
    private final Map<String, Entry> byRef = new HashMap<>();
    /** Per topic, per changed ref: the entry before the batch ({@code null} if it did not exist). */
    private final Map<String, Map<String, Entry>> before = new HashMap<>();
    private final Map<String, Integer> countBefore = new HashMap<>();

    void put(Entry entry) {
        Entry old = byNode.getOrDefault(entry.node(), Map.of()).get(entry.ref());
        if (entry.equals(old)) {
            return;
        }
        if (old != null) {
            remove(old.node(), old.ref());
        }
        remember(entry.topic(), entry.ref(), null);
        byNode.computeIfAbsent(entry.node(), k -> new LinkedHashMap<>()).put(entry.ref(), entry);
        byRef.put(entry.ref(), entry);
        byTopic.computeIfAbsent(entry.topic(), k -> new TreeMap<>())
                .computeIfAbsent(entry.key(), k -> new TreeMap<>()).put(entry.ref(), entry);
    }

    void remove(String node, String ref) {
        Map<String, Entry> entries = byNode.get(node);
        Entry old = entries == null ? null : entries.remove(ref);
        if (old == null) {
            return;
        }
        if (entries.isEmpty()) {
            byNode.remove(node);
        }
        remember(old.topic(), ref, old);
        byRef.remove(ref);
        Map<String, Map<String, Entry>> keys = byTopic.get(old.topic());
        Map<String, Entry> metas = keys.get(old.key());
        metas.remove(ref);
        if (metas.isEmpty()) {
            keys.remove(old.key());
            if (keys.isEmpty()) {
                byTopic.remove(old.topic());
            }
        }
    }

    /** Replaces everything a node owns by this set. */
    void replaceNode(String node, Collection<Entry> entries) {
        Map<String, Entry> wanted = new HashMap<>();
        entries.forEach(e -> wanted.put(e.ref(), e));
        for (Entry old : List.copyOf(byNode.getOrDefault(node, Map.of()).values())) {
            if (!wanted.containsKey(old.ref())) {
                remove(node, old.ref());
            }
        }
        entries.forEach(this::put);
    }

    void dropNode(String node) {
        replaceNode(node, List.of());
    }

    Entry entry(String node, String ref) {
        return byNode.getOrDefault(node, Map.of()).get(ref);
    }

    Collection<Entry> entriesOf(String node) {
        return List.copyOf(byNode.getOrDefault(node, Map.of()).values());
    }

    boolean hasKey(String topic, String key) {
        return byTopic.getOrDefault(topic, Map.of()).containsKey(key);
    }

    int count(String topic) {
        return byTopic.getOrDefault(topic, Map.of()).size();
    }

    /** Key to metas, keys sorted, metas by ref: the same order on every node. */
    Map<String, List<Map<String, Object>>> members(String topic) {
        Map<String, List<Map<String, Object>>> members = new LinkedHashMap<>();
        byTopic.getOrDefault(topic, Map.of()).forEach((key, metas) ->
                members.put(key, metas.values().stream().map(Entry::meta).toList()));
        return members;
    }

    /** The topics changed since the last call, with what changed; clears the record. */
    Map<String, TopicDiff> drainChanges() {
        Map<String, TopicDiff> diffs = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Entry>> topicChanges : before.entrySet()) {
            String topic = topicChanges.getKey();
            diffs.put(topic, diff(topic, topicChanges.getValue()));
        }
        before.clear();
        countBefore.clear();
        return diffs;
    }

    /** What changed in one topic since the last drain, or {@code null} if nothing; clears that topic's record. */
    TopicDiff drainChanges(String topic) {
        Map<String, Entry> changes = before.remove(topic);
        if (changes == null) {
            return null;
        }
        TopicDiff diff = diff(topic, changes);
        countBefore.remove(topic);
        return diff;
    }

    private TopicDiff diff(String topic, Map<String, Entry> changes) {
        Map<String, List<Map<String, Object>>> joins = new TreeMap<>();
        Map<String, List<Map<String, Object>>> leaves = new TreeMap<>();
        Map<String, Map<String, Entry>> now = byTopic.getOrDefault(topic, Map.of());
        Map<String, Boolean> keysTouched = new TreeMap<>();
        for (Map.Entry<String, Entry> change : changes.entrySet()) {
            Entry old = change.getValue();
            Entry current = byRef.get(change.getKey());
            if (current != null && !current.topic().equals(topic)) {
                current = null;
            }
            if (Objects.equals(old, current)) {
                continue;
            }
            if (old != null) {
                leaves.computeIfAbsent(old.key(), k -> new ArrayList<>()).add(old.meta());
                keysTouched.put(old.key(), true);
            }
            if (current != null) {
                joins.computeIfAbsent(current.key(), k -> new ArrayList<>()).add(current.meta());
                keysTouched.put(current.key(), true);
            }
        }
        Map<String, List<Map<String, Object>>> joinedKeys = new TreeMap<>();
        List<String> leftKeys = new ArrayList<>();
        for (String key : keysTouched.keySet()) {
            int metasNow = now.containsKey(key) ? now.get(key).size() : 0;
            int added = joins.getOrDefault(key, List.of()).size();
            int removed = leaves.getOrDefault(key, List.of()).size();
            int metasBefore = metasNow - added + removed;
            if (metasBefore == 0 && metasNow > 0) {
                joinedKeys.put(key, now.get(key).values().stream().map(Entry::meta).toList());
            } else if (metasBefore > 0 && metasNow == 0) {
                leftKeys.add(key);
            }
        }
        return new TopicDiff(joins, leaves, joinedKeys, leftKeys, countBefore.get(topic), now.size());
    }

    private void remember(String topic, String ref, Entry old) {
        countBefore.putIfAbsent(topic, count(topic));
        // Not putIfAbsent: it replaces a null, and null is what "did not exist before the batch" is recorded as.
        Map<String, Entry> changes = before.computeIfAbsent(topic, k -> new HashMap<>());
        if (!changes.containsKey(ref)) {
            changes.put(ref, old);
        }
    }
}
