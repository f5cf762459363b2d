package dev.rts.pubsub;

import java.util.Set;

/**
 * The channels one session is subscribed to. Get it with {@link PubSub#channels(String)}.
 *
 * <p>Subscriptions belong to the session, not to a socket: every tab of the session receives the channel's events,
 * and they survive reloads and reconnects until the session expires. They are kept in a session attribute (named
 * {@code "<mount name>.channels"}, a JSON list of names), so another server process sharing the session store sees
 * them too.
 *
 * <p>Channel names are 1 to 100 characters of ASCII letters, digits and {@code _ - . : @ /}.
 *
 * <p>Thread-safe. Changes write the session to the session store, so they may block as long as the store does: call
 * them from worker threads (rpc actions, app code), not from I/O threads. Changes of one session on this process
 * are applied one at a time.
 */
public interface SessionChannels {

    /**
     * The session this handle is for.
     *
     * @return the session id
     */
    String sessionId();

    /**
     * Subscribes the session to a channel. Its sockets on this process receive the channel's events from the time
     * this method returns.
     *
     * @param channel the channel name
     * @return {@code true} if the session was not subscribed before
     * @throws IllegalArgumentException if the name is invalid, or the session is unknown or expired
     * @throws IllegalStateException    if the session is already subscribed to as many channels as allowed
     *                                  ({@code PubSub.Builder.maxChannelsPerSession}, 100 by default)
     */
    boolean subscribe(String channel);

    /**
     * Unsubscribes the session from a channel.
     *
     * @param channel the channel name
     * @return {@code true} if the session was subscribed
     * @throws IllegalArgumentException if the name is invalid, or the session is unknown or expired
     */
    boolean unsubscribe(String channel);

    /**
     * Unsubscribes the session from every channel.
     *
     * @return the channels it was subscribed to, in subscription order
     * @throws IllegalArgumentException if the session is unknown or expired
     */
    Set<String> reset();

    /**
     * The channels the session is subscribed to.
     *
     * @return an unmodifiable snapshot in subscription order
     * @throws IllegalArgumentException if the session is unknown or expired
     */
    Set<String> list();
}
