/**
 * Pub/sub: events to every client, to channels, to signed-in users and to single tabs.
 *
 * <ul>
 *   <li>{@link dev.rts.pubsub.PubSub}: the server-side API, {@code api.get("pubsub", PubSub.class)}.</li>
 *   <li>{@link dev.rts.pubsub.SessionChannels}: a session's channel subscriptions, shared by its tabs and kept
 *       across reconnects.</li>
 *   <li>{@link dev.rts.pubsub.PubSub#builder()}: the service is found by {@link java.util.ServiceLoader} with the
 *       defaults, or built with this builder and mounted explicitly to configure it.</li>
 *   <li>{@link dev.rts.pubsub.SubscriptionAuthorizer}: which channels browsers may subscribe themselves to
 *       (default: none).</li>
 * </ul>
 *
 * <p>The wire format and the browser API are described in the module's README.
 */
package dev.rts.pubsub;
