package dev.rts.presence.internal;

import dev.rts.presence.PresenceAuthorizer;
import dev.rts.presence.PresenceTracker;
import java.time.Duration;

/**
 * How a presence service was built. Checked by the public builder.
 *
 * @param gracePeriod             how long a lost connection's entries stay before they leave
 * @param batchInterval           how often diffs go to watchers and changes to the bus
 * @param heartbeatInterval       how often this node tells the others it is alive
 * @param nodeTimeout             how long a silent node's entries stay
 * @param maxTopicsPerConnection  topics one connection may be in
 * @param maxWatchesPerConnection topics one connection may watch
 * @param maxMetaBytes            the largest meta, encoded as JSON, in bytes
 * @param maxMembersPerTopic      keys one topic may have
 * @param authorizer              decides browser joins and watches
 * @param tracker                 server-decided topics
 */
public record PresenceConfig(Duration gracePeriod, Duration batchInterval, Duration heartbeatInterval,
                             Duration nodeTimeout, int maxTopicsPerConnection, int maxWatchesPerConnection,
                             int maxMetaBytes, int maxMembersPerTopic, PresenceAuthorizer authorizer,
                             PresenceTracker tracker) {

    /** The defaults: the numbers the builder's Javadoc and the Bounds table in docs/ARCHITECTURE.md name. */
    public static final PresenceConfig DEFAULTS = new PresenceConfig(Duration.ofSeconds(3), Duration.ofMillis(50),
            Duration.ofSeconds(3), Duration.ofSeconds(12), 20, 20, 1024, 10_000, PresenceAuthorizer.DENY_ALL,
            PresenceTracker.NONE);
}
