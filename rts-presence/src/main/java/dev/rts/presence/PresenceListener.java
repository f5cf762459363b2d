package dev.rts.presence;

import java.util.List;
import java.util.Map;

/**
 * Told when a key joins or leaves a topic anywhere in the cluster. Both methods do nothing by default; they are called
 * on the presence service's thread and must not block. An exception is logged and does not stop other listeners.
 */
public interface PresenceListener {

    /**
     * A key got its first meta in a topic.
     *
     * @param topic the topic
     * @param key   the key
     * @param metas its metas now
     */
    default void joined(String topic, String key, List<Map<String, Object>> metas) {
    }

    /**
     * A key lost its last meta in a topic.
     *
     * @param topic the topic
     * @param key   the key
     */
    default void left(String topic, String key) {
    }
}
