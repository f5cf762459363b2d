package dev.rts.pubsub.internal;

/**
 * The backplane topic names below a prefix: {@code <prefix>all}, {@code <prefix>channel:<name>},
 * {@code <prefix>user:<id>}.
 *
 * @param prefix the prefix, such as {@code rts:pubsub:}
 */
record Topics(String prefix) {

    String all() {
        return prefix + "all";
    }

    String channel(String channel) {
        return prefix + "channel:" + channel;
    }

    String user(String userId) {
        return prefix + "user:" + userId;
    }

    /** The channel name of a channel topic, or {@code null} if the topic is not one. */
    String channelOf(String topic) {
        return suffix(topic, prefix + "channel:");
    }

    /** The user id of a user topic, or {@code null} if the topic is not one. */
    String userOf(String topic) {
        return suffix(topic, prefix + "user:");
    }

    private static String suffix(String topic, String start) {
        return topic.startsWith(start) && topic.length() > start.length() ? topic.substring(start.length()) : null;
    }
}
