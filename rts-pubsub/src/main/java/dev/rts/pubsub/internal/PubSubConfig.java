package dev.rts.pubsub.internal;

import dev.rts.pubsub.Backplane;
import dev.rts.pubsub.SubscriptionAuthorizer;

/**
 * How a pub/sub service was built. Checked by the public builder.
 *
 * @param backplane             the app's backplane, or {@code null} for a private in-process one
 * @param authorizer            decides client subscription requests
 * @param nodeId                this process's id on the backplane, or {@code null} for a random one
 * @param topicPrefix           the backplane topic prefix
 * @param maxChannelsPerSession how many channels one session may be subscribed to
 */
public record PubSubConfig(Backplane backplane, SubscriptionAuthorizer authorizer, String nodeId, String topicPrefix,
                           int maxChannelsPerSession) {
}
