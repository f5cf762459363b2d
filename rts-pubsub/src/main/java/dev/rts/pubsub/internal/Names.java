package dev.rts.pubsub.internal;

import java.util.regex.Pattern;

/**
 * Checks channel names, event names, user ids and socket ids, with messages that quote what was rejected.
 */
public final class Names {

    /** The longest channel name, in characters. */
    public static final int MAX_CHANNEL_LENGTH = 100;

    // No spaces, '|' or the glob characters * ? [ ] that Redis PSUBSCRIBE would interpret in a topic name.
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_.:@/-]{1," + MAX_CHANNEL_LENGTH + "}");
    private static final int QUOTE_LIMIT = 40;

    private Names() {
    }

    /**
     * Checks a channel name.
     *
     * @param channel the name
     * @return the name
     * @throws IllegalArgumentException if it is {@code null}, empty, too long or has other characters
     */
    public static String channel(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("Channel name must be 1 to " + MAX_CHANNEL_LENGTH + " characters of "
                    + "letters, digits and _ - . : @ / but was " + quote(channel));
        }
        return channel;
    }

    /**
     * Checks an event name.
     *
     * @param event the name
     * @return the name
     * @throws IllegalArgumentException if it is {@code null} or blank
     */
    public static String event(String event) {
        if (event == null || event.isBlank()) {
            throw new IllegalArgumentException("Event name must not be blank but was " + quote(event));
        }
        return event;
    }

    /**
     * Checks a user id.
     *
     * @param userId the id
     * @return the id
     * @throws IllegalArgumentException if it is {@code null} or blank
     */
    public static String user(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("User id must not be blank but was " + quote(userId));
        }
        return userId;
    }

    /**
     * Checks a socket id.
     *
     * @param socketId the id
     * @return the id
     * @throws IllegalArgumentException if it is {@code null}
     */
    public static String socket(String socketId) {
        if (socketId == null) {
            throw new IllegalArgumentException("Socket id must not be null");
        }
        return socketId;
    }

    /** Quotes a rejected value for a message, shortening long ones so that a client cannot flood the log. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() > QUOTE_LIMIT) {
            return "'" + value.substring(0, QUOTE_LIMIT) + "...' (" + value.length() + " characters)";
        }
        return "'" + value + "'";
    }

    /** Shortens a session id for messages and logs: the id is a credential. */
    static String session(String sessionId) {
        return sessionId.length() <= 6 ? sessionId : sessionId.substring(0, 6) + "...";
    }
}
