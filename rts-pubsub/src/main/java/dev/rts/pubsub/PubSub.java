package dev.rts.pubsub;

import dev.rts.api.Service;
import dev.rts.pubsub.internal.PubSubConfig;
import dev.rts.pubsub.internal.PubSubService;
import java.util.Collection;
import java.util.Objects;

/**
 * The server-side API of the pub/sub service: sends events to every client, to the sessions subscribed to a
 * channel, to the sessions of a signed-in user, or to single sockets (tabs).
 *
 * <p>Get it from the shared api under the service's mount name, by default {@code "pubsub"}:
 * <pre>{@code
 * PubSub pubsub = api.get("pubsub", PubSub.class);
 * pubsub.channels(sessionId).subscribe("disney");
 * pubsub.channel("disney", "chatMessage", "Mickey", "Hi!");   // browser: fn("Mickey", "Hi!", "disney")
 * }</pre>
 *
 * <p>An event is a name plus arguments: any JSON-encodable values (strings, numbers, booleans, {@code null}, lists,
 * maps, records). The browser handler receives the arguments spread, one parameter each, plus the channel name as a
 * final parameter for channel events.
 *
 * <p><b>Cost and threading.</b> Every publishing method is thread-safe, may be called from anywhere (app code, rpc
 * actions, listeners) and never blocks: it encodes the event to its frame <em>once</em> and queues that same frame
 * on each recipient's connection, finding recipients through indexes, so a publish costs O(recipients) and not
 * O(connections). No lock is held while frames are queued. Queuing never waits for a recipient: the transport
 * bounds what it keeps per connection ({@code RtsServerBuilder.maxQueuedBytes}, 1 MiB by default) and drops a
 * socket that falls further behind (logged as 1008 on the server; the browser sees a lost connection and
 * reconnects), so one slow or dead recipient neither delays the others nor makes memory grow. Events queued for a
 * dropped socket are lost.
 *
 * <p><b>Several server processes.</b> {@link #all}, {@link #channel} and {@link #user} events are also handed to
 * the server's cluster bus ({@code ServiceContext.bus()}), which delivers them to the other processes; this process delivers to its own
 * sockets directly. {@link #socket} events stay on this process, because socket ids are only unique per process.
 * Delivery is at most once: an event published while a socket is reconnecting is not replayed.
 *
 * <p><b>Return values and stop.</b> Publishing methods return how many sockets <em>on this process</em> the event was
 * queued for (recipients on other processes are not counted). After the server stopped they send nothing and
 * return {@code 0}.
 */
public interface PubSub {

    /**
     * Sends an event to every connected client.
     *
     * @param event the event name, not blank
     * @param args  the handler's arguments, JSON-encodable; none is fine
     * @return how many sockets on this process the event was queued for
     * @throws IllegalArgumentException if the event name is {@code null} or blank
     */
    int all(String event, Object... args);

    /**
     * Sends an event to every socket of every session subscribed to a channel. The browser handler gets the channel
     * name as its last argument.
     *
     * @param channel the channel name (see {@link SessionChannels} for the rules)
     * @param event   the event name, not blank
     * @param args    the handler's arguments, JSON-encodable
     * @return how many sockets on this process the event was queued for
     * @throws IllegalArgumentException if the channel or event name is invalid
     */
    int channel(String channel, String event, Object... args);

    /**
     * Sends an event to several channels: each channel is delivered on its own, with its own name as the handler's
     * last argument, so a session subscribed to two of the channels gets the event twice, once per channel (as the
     * reference did).
     *
     * @param channels the channel names; all are checked before anything is sent
     * @param event    the event name, not blank
     * @param args     the handler's arguments, JSON-encodable
     * @return how many frames were queued on this process, summed over the channels
     * @throws IllegalArgumentException if a channel or the event name is invalid
     */
    int channel(Collection<String> channels, String event, Object... args);

    /**
     * Sends an event to every socket of every session signed in as a user ({@code Session.setUserId}). A session
     * that signed out no longer receives it; the user's other sessions still do.
     *
     * @param userId the user id, not blank
     * @param event  the event name, not blank
     * @param args   the handler's arguments, JSON-encodable
     * @return how many sockets on this process the event was queued for
     * @throws IllegalArgumentException if the user id or event name is {@code null} or blank
     */
    int user(String userId, String event, Object... args);

    /**
     * Sends an event to the sessions of several users, each socket once.
     *
     * @param userIds the user ids, none blank
     * @param event   the event name, not blank
     * @param args    the handler's arguments, JSON-encodable
     * @return how many sockets on this process the event was queued for
     * @throws IllegalArgumentException if a user id or the event name is {@code null} or blank
     */
    int user(Collection<String> userIds, String event, Object... args);

    /**
     * Sends an event to one socket (one tab), on this process only. Unknown or closed sockets are skipped.
     *
     * @param socketId the socket id, as in {@code Request.socketId()} or {@code ConnectionEvent.socketId()}
     * @param event    the event name, not blank
     * @param args     the handler's arguments, JSON-encodable
     * @return {@code 1} if the event was queued, else {@code 0}
     * @throws IllegalArgumentException if the socket id is {@code null} or the event name is {@code null} or blank
     */
    int socket(String socketId, String event, Object... args);

    /**
     * Sends an event to several sockets on this process, each once. Unknown or closed sockets are skipped.
     *
     * @param socketIds the socket ids, none {@code null}
     * @param event     the event name, not blank
     * @param args      the handler's arguments, JSON-encodable
     * @return how many sockets the event was queued for
     * @throws IllegalArgumentException if a socket id is {@code null} or the event name is {@code null} or blank
     */
    int socket(Collection<String> socketIds, String event, Object... args);

    /**
     * The channel subscriptions of one session, shared by all its tabs and kept across reloads and reconnects.
     *
     * @param sessionId the session id, such as {@code Request.sessionId()} or {@code ConnectionEvent.sessionId()}
     * @return a handle that reads and changes the session's subscriptions; each call looks the session up again
     * @throws IllegalArgumentException if the session is unknown or expired
     */
    SessionChannels channels(String sessionId);

    /**
     * A new, unstarted pub/sub service with the defaults ({@link SubscriptionAuthorizer#DENY_ALL}, at most 100
     * channels per session), for apps that mount services by hand. Discovery may stay on: the server skips the
     * discovered instance of the same class.
     *
     * @return a service to pass to the server builder
     */
    static Service service() {
        return builder().build();
    }

    /**
     * A builder for a pub/sub service with other settings than the defaults; the one way to configure pubsub (it
     * takes no string-keyed options map).
     *
     * <pre>{@code
     * RtsServer.builder().service(PubSub.builder().authorizer((session, channel) -> channel.startsWith("public:"))
     *         .build())
     * }</pre>
     *
     * @return a new builder with the defaults
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Settings of a pub/sub service, each checked when set. Not thread-safe; {@link #build()} may be called several
     * times, each time making a new service (one instance serves one server).
     */
    final class Builder {
        private SubscriptionAuthorizer authorizer = SubscriptionAuthorizer.DENY_ALL;
        private int maxChannelsPerSession = PubSubConfig.DEFAULT_MAX_CHANNELS_PER_SESSION;

        private Builder() {
        }

        /**
         * Decides which channels browsers may subscribe their own session to, and unsubscribe it from (default
         * {@link SubscriptionAuthorizer#DENY_ALL}: only server code subscribes sessions).
         *
         * @param authorizer the authorizer
         * @return this builder
         * @throws NullPointerException if it is {@code null}
         */
        public Builder authorizer(SubscriptionAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * How many channels one session may be subscribed to (default 100), bounding the session attribute and the
         * index when clients may subscribe themselves.
         *
         * @param max 1 to 10000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxChannelsPerSession(int max) {
            if (max < 1 || max > 10_000) {
                throw new IllegalArgumentException("PubSub maxChannelsPerSession must be 1 to 10000 but was " + max);
            }
            this.maxChannelsPerSession = max;
            return this;
        }

        /**
         * Makes a new, unstarted service with these settings.
         *
         * @return a service to pass to the server builder
         */
        public Service build() {
            return new PubSubService(new PubSubConfig(authorizer, maxChannelsPerSession));
        }
    }
}
