package dev.rts.pubsub.internal;

/**
 * The service's cluster bus topics: {@code all}, {@code channel:<name>}, {@code user:<id>} (the server's bus puts
 * the mount name in front, as in {@code pubsub:all}).
 *
 * @param prefix the prefix inside the service's topics, empty in production
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
