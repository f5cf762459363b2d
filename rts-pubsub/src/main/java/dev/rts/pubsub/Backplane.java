package dev.rts.pubsub;

import dev.rts.pubsub.internal.InProcessBackplane;
import java.util.concurrent.CompletionStage;

/**
 * Carries pub/sub events between server processes (nodes): a topic-based message bus of bytes, shaped like Redis
 * pub/sub ({@code PUBLISH}, {@code SUBSCRIBE}, {@code UNSUBSCRIBE}), so that a Redis, NATS or Postgres
 * {@code LISTEN/NOTIFY} implementation is a thin adapter. Plug one in with
 * {@link PubSubService.Builder#backplane(Backplane)}; without one, the service uses a private
 * {@linkplain #inProcess() in-process} backplane, which reaches no other process.
 *
 * <h2>Topics</h2>
 * One topic per target, below a prefix ({@link PubSubService.Builder#topicPrefix(String)}, default
 * {@code rts:pubsub:}):
 * <table>
 *   <caption>Backplane topics</caption>
 *   <tr><th>topic</th><th>carries</th><th>a node subscribes</th></tr>
 *   <tr><td>{@code rts:pubsub:all}</td><td>{@link PubSub#all} events</td><td>from start to stop</td></tr>
 *   <tr><td>{@code rts:pubsub:channel:<name>}</td><td>{@link PubSub#channel} events of one channel</td>
 *       <td>while at least one session with a socket on the node is subscribed to the channel</td></tr>
 *   <tr><td>{@code rts:pubsub:user:<id>}</td><td>{@link PubSub#user} events of one user</td>
 *       <td>while at least one session signed in as the user has a socket on the node</td></tr>
 * </table>
 * A topic per target, rather than one topic for everything, lets the broker drop events for channels and users
 * that have nobody on a node, instead of every node receiving and discarding all traffic; the price is a
 * subscription change when a channel or user gains its first, or loses its last, local session. {@link PubSub#socket}
 * events never travel: socket ids are unique per process only.
 *
 * <h2>Messages</h2>
 * The service publishes UTF-8 text {@code 1|<nodeId>|<payload>}: a format version ({@code 1}), the id of the node
 * that published it, and the event payload exactly as it goes to browsers (such as
 * {@code {"e":"chatMessage","p":["Mickey","Hi!"],"c":"disney"}}). A node ignores its own messages, because it
 * delivered them to its own sockets directly, and sends the payload of the others to its sockets verbatim, without
 * decoding it. Messages of an unknown version are dropped with a warning.
 *
 * <h2>Contract for implementors</h2>
 * <ul>
 *   <li>Thread-safe; no method blocks. Work that waits on the network completes the returned stage later.</li>
 *   <li>A message published on a topic reaches every listener subscribed to that topic on every node, the
 *       publishing node included, at most once. Messages one backplane instance publishes on one topic reach each
 *       listener in publish order
 *       (for the in-process backplane: those one thread publishes).</li>
 *   <li>Listeners may be called on any thread, also concurrently (the service's listener is thread-safe and
 *       never blocks), but never from inside {@link #subscribe} or {@link #unsubscribe}. An exception a listener
 *       throws is logged and does not stop delivery to others.</li>
 *   <li>Message arrays may be shared between listeners: neither side modifies one after handing it over.</li>
 * </ul>
 */
public interface Backplane extends AutoCloseable {

    /**
     * A backplane that connects the services that share this object inside one JVM: the default when a service is
     * given none (where it reaches that service only), and a stand-in for a real broker in tests with several
     * servers. Listeners are called on the publishing thread, before {@link #publish} returns.
     *
     * @return a new, open backplane
     */
    static Backplane inProcess() {
        return new InProcessBackplane();
    }

    /**
     * Publishes a message on a topic. Never blocks.
     *
     * @param topic   the topic
     * @param message the bytes; not modified afterwards by the caller
     * @return completes once the broker took the message, or exceptionally if it could not (the message is lost;
     *         the service logs it)
     */
    CompletionStage<Void> publish(String topic, byte[] message);

    /**
     * Subscribes a listener to a topic. Subscribing the same listener to the same topic again does nothing. Never
     * blocks.
     *
     * @param topic    the topic
     * @param listener called for each message published on the topic
     * @return completes once messages published from now on are delivered, or exceptionally if the subscription
     *         failed
     */
    CompletionStage<Void> subscribe(String topic, Listener listener);

    /**
     * Unsubscribes a listener from a topic; does nothing if it was not subscribed. Messages already in flight may
     * still arrive. Never blocks.
     *
     * @param topic    the topic
     * @param listener the listener given to {@link #subscribe}
     * @return completes once the subscription is gone
     */
    CompletionStage<Void> unsubscribe(String topic, Listener listener);

    /**
     * Releases connections and threads; afterwards nothing is delivered and {@link #publish} and {@link #subscribe}
     * complete exceptionally. The service closes only the backplane it created itself: the app closes one it gave
     * to {@link PubSubService.Builder#backplane(Backplane)}, after stopping the servers that use it.
     */
    @Override
    void close();

    /**
     * Receives the messages of the topics it is subscribed to.
     */
    @FunctionalInterface
    interface Listener {

        /**
         * Handles one message. Must not block; called as described in {@link Backplane}.
         *
         * @param topic   the topic it was published on
         * @param message the bytes as published; do not modify
         */
        void onMessage(String topic, byte[] message);
    }
}
