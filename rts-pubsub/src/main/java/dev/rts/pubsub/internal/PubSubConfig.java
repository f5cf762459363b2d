package dev.rts.pubsub.internal;

import dev.rts.pubsub.SubscriptionAuthorizer;

/**
 * How a pub/sub service was built. Checked by the public builder.
 *
 * @param authorizer            decides client subscription requests
 * @param maxChannelsPerSession how many channels one session may be subscribed to
 */
public record PubSubConfig(SubscriptionAuthorizer authorizer, int maxChannelsPerSession) {

    /** How many channels one session may be subscribed to by default. */
    public static final int DEFAULT_MAX_CHANNELS_PER_SESSION = 100;
}
