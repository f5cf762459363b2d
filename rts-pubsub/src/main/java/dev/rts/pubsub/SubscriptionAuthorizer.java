package dev.rts.pubsub;

import dev.rts.api.Session;

/**
 * Decides whether a browser may subscribe its own session to a channel, or unsubscribe it. Server code is never
 * asked: {@link SessionChannels} always works.
 *
 * <p>The default, {@link #DENY_ALL}, refuses every client request, so only server code subscribes sessions. Allow
 * what your app needs:
 * <pre>{@code
 * PubSub.builder()
 *         .authorizer((session, channel) -> channel.startsWith("public:")
 *                 || channel.equals("user:" + session.userId().orElse("")))
 *         .build();
 * }</pre>
 *
 * <p>Called on a worker thread, one request at a time per socket; it may block (to ask a database, say). Only
 * valid channel names reach it. If it throws, the request is refused and the exception is logged.
 */
@FunctionalInterface
public interface SubscriptionAuthorizer {

    /** Refuses every client request: only server code subscribes sessions. */
    SubscriptionAuthorizer DENY_ALL = (session, channel) -> false;

    /**
     * Whether the browser may subscribe its session to a channel.
     *
     * @param session the session of the socket that asked
     * @param channel a valid channel name
     * @return {@code true} to subscribe it
     */
    boolean maySubscribe(Session session, String channel);

    /**
     * Whether the browser may unsubscribe its session from a channel. The default allows exactly what
     * {@link #maySubscribe} allows, so a client cannot leave a channel that only the server may put it in.
     *
     * @param session the session of the socket that asked
     * @param channel a valid channel name
     * @return {@code true} to unsubscribe it
     */
    default boolean mayUnsubscribe(Session session, String channel) {
        return maySubscribe(session, channel);
    }
}
