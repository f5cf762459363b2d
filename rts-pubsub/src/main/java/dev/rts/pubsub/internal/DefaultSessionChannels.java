package dev.rts.pubsub.internal;

import dev.rts.api.Session;
import dev.rts.pubsub.SessionChannels;
import java.util.Collections;
import java.util.Set;

/**
 * One session's subscriptions: the session attribute is the truth, written first; the local index follows.
 */
final class DefaultSessionChannels implements SessionChannels {

    private final DefaultPubSub pubsub;
    private final String sessionId;

    DefaultSessionChannels(DefaultPubSub pubsub, String sessionId) {
        this.pubsub = pubsub;
        this.sessionId = sessionId;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public boolean subscribe(String channel) {
        Names.channel(channel);
        synchronized (pubsub.index.lock(sessionId)) {
            // Look the session up under the lock: a copy held from before would write stale attributes back.
            Session session = pubsub.session(sessionId);
            Set<String> channels = pubsub.attribute.read(session);
            if (channels.contains(channel)) {
                return false;
            }
            int max = pubsub.config.maxChannelsPerSession();
            if (channels.size() >= max) {
                throw new IllegalStateException("Session " + Names.session(sessionId) + " is already subscribed to "
                        + max + " channels, the most allowed; unsubscribe it from one first, or raise "
                        + "PubSub.builder().maxChannelsPerSession(...)");
            }
            channels.add(channel);
            pubsub.attribute.write(session, channels);
            pubsub.index.subscribed(sessionId, channel);
            return true;
        }
    }

    @Override
    public boolean unsubscribe(String channel) {
        Names.channel(channel);
        synchronized (pubsub.index.lock(sessionId)) {
            Session session = pubsub.session(sessionId);
            Set<String> channels = pubsub.attribute.read(session);
            if (!channels.remove(channel)) {
                return false;
            }
            pubsub.attribute.write(session, channels);
            pubsub.index.unsubscribed(sessionId, channel);
            return true;
        }
    }

    @Override
    public Set<String> reset() {
        synchronized (pubsub.index.lock(sessionId)) {
            Session session = pubsub.session(sessionId);
            Set<String> channels = pubsub.attribute.read(session);
            if (!channels.isEmpty()) {
                pubsub.attribute.write(session, Set.of());
                channels.forEach(channel -> pubsub.index.unsubscribed(sessionId, channel));
            }
            return Collections.unmodifiableSet(channels);
        }
    }

    @Override
    public Set<String> list() {
        return Collections.unmodifiableSet(pubsub.attribute.read(pubsub.session(sessionId)));
    }

    @Override
    public String toString() {
        return "SessionChannels[" + Names.session(sessionId) + "]";
    }
}
