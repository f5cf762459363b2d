package dev.rts.api;

import java.util.concurrent.CompletionStage;

/**
 * One server process's (node's) link to the cluster bus: topics of bytes that carry messages between the nodes of an
 * app, shaped like Redis pub/sub ({@code PUBLISH}, {@code SUBSCRIBE}, {@code UNSUBSCRIBE}) so that a Redis, NATS or
 * Postgres {@code LISTEN/NOTIFY} implementation is a thin adapter.
 *
 * <p><b>Services</b> reach it through {@link ServiceContext#bus()}, which hands each service a view whose topics are
 * relative to the service: topic {@code all} of the service mounted as {@code pubsub} is {@code pubsub:all} on the
 * bus, and listeners see {@code all} again. Two services therefore never collide, and the same service on every node
 * meets itself. Services never close the bus: the view's {@link #close()} throws.
 *
 * <p><b>The server</b> owns one bus: by default a private in-process one, which reaches no other process; otherwise
 * the one given to {@code RtsServerBuilder.clusterBus(...)}, or the one created by the only
 * {@code dev.rts.core.spi.ClusterBusProvider} found with {@link java.util.ServiceLoader}, so that adding a jar is
 * enough to scale out. The server closes a bus it created, after its services stopped; the app closes a bus it gave
 * to the builder, after stopping the server.
 *
 * <h2>Contract for implementors</h2>
 * <ul>
 *   <li>Thread-safe; no method blocks. Work that waits on the network completes the returned stage later. A
 *       failure of the bus is reported through the stage rather than thrown (callers tolerate both); an empty
 *       topic or a {@code null} argument throws {@link IllegalArgumentException} or {@link NullPointerException}.</li>
 *   <li>A message published on a topic reaches every listener subscribed to that topic on every node, the publishing
 *       node included, <em>at most once</em>: a message may be lost (link down, full queue), never duplicated.
 *       Messages one node publishes on one topic from one thread reach each listener in publish order.</li>
 *   <li>A listener is one subscription per topic: subscribing a listener that {@linkplain Object#equals equals} one
 *       already subscribed to the topic does nothing, and unsubscribing removes it. An adapter keeps one broker
 *       subscription per topic while the topic has listeners on the node (for Redis: one subscribing connection per
 *       node, {@code SUBSCRIBE} on the first listener of a topic, {@code UNSUBSCRIBE} after its last).</li>
 *   <li>Listeners may be called on any thread, also concurrently, but never from inside {@link #subscribe} or
 *       {@link #unsubscribe}; listeners never block. An exception a listener throws is logged and does not stop
 *       delivery to others.</li>
 *   <li>Message arrays may be shared between listeners: neither side modifies one after handing it over.</li>
 *   <li>When the link to the broker is lost, the bus calls {@link LinkListener#linkLost()}; messages published
 *       meanwhile, by any node, may be lost. When it is back and every subscription is active again, it calls
 *       {@link LinkListener#linkRestored()}, so that services resynchronise what they may have missed. Calls
 *       alternate, starting with {@code linkLost}; a bus that never loses its link never calls them.</li>
 *   <li>After {@link #close()}, nothing is delivered, link listeners are not called, and {@link #publish} and
 *       {@link #subscribe} complete exceptionally.</li>
 * </ul>
 */
public interface ClusterBus extends AutoCloseable {

    /**
     * This node's id on the bus, unique among the nodes of the app (by default random, new at each start), so that
     * a service can recognise its own messages and tell nodes apart.
     *
     * @return 1 to 64 characters of {@code [A-Za-z0-9_.-]}
     */
    String nodeId();

    /**
     * Publishes a message on a topic. Never blocks.
     *
     * @param topic   the topic, not empty
     * @param message the bytes; the caller does not modify them afterwards
     * @return completes once the broker took the message, or exceptionally if it could not (the message is lost)
     */
    CompletionStage<Void> publish(String topic, byte[] message);

    /**
     * Subscribes a listener to a topic; subscribing an equal listener to the same topic again does nothing. Never
     * blocks.
     *
     * @param topic    the topic, not empty
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
     * @param listener a listener equal to the one given to {@link #subscribe}
     * @return completes once the subscription is gone
     */
    CompletionStage<Void> unsubscribe(String topic, Listener listener);

    /**
     * Adds a listener told when the link to the broker is lost and restored; adding an equal one again does nothing.
     *
     * @param listener the listener, not {@code null}
     */
    void addLinkListener(LinkListener listener);

    /**
     * Removes a link listener; does nothing if it was not added.
     *
     * @param listener the listener
     */
    void removeLinkListener(LinkListener listener);

    /**
     * Releases connections and threads; afterwards nothing is delivered and {@link #publish} and {@link #subscribe}
     * complete exceptionally. Called by whoever created the bus (see the class comment), never by services.
     *
     * @throws UnsupportedOperationException on a service's view
     */
    @Override
    void close();

    /**
     * Receives the messages of the topics it is subscribed to.
     */
    @FunctionalInterface
    interface Listener {

        /**
         * Handles one message. Must not block; called as described in {@link ClusterBus}.
         *
         * @param topic   the topic it was published on (on a service's view: relative to the service)
         * @param message the bytes as published; do not modify
         */
        void onMessage(String topic, byte[] message);
    }

    /**
     * Told when the node's link to the broker goes down and comes back. Both methods do nothing by default, may be
     * called on any thread, and must not block.
     */
    interface LinkListener {

        /**
         * The link is down: messages published from now on, by this node or others, may be lost until
         * {@link #linkRestored()}.
         */
        default void linkLost() {
        }

        /**
         * The link is back and every subscription is active again; messages may have been lost meanwhile, so state
         * kept in step through the bus should be resynchronised now (for example by announcing it again).
         */
        default void linkRestored() {
        }
    }
}
