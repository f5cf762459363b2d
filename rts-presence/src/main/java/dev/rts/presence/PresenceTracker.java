package dev.rts.presence;

import dev.rts.api.Session;
import java.util.Map;

/**
 * Server-decided presence: the topics the server puts a connection into by itself, such as "every signed-in user is
 * in {@code online}": {@code session -> session.userId().isPresent() ? Map.of("online", Map.of()) : Map.of()}.
 * Asked on a worker thread when a connection opens and when its session's user changes; topics it no longer lists are
 * left, and those it lists are joined. Must not block.
 */
@FunctionalInterface
public interface PresenceTracker {

    /** Tracks nothing. The default. */
    PresenceTracker NONE = session -> Map.of();

    /**
     * The topics a connection of this session is in, with the meta for each.
     *
     * @param session the connection's session
     * @return topic to meta; empty for none
     */
    Map<String, Map<String, ?>> topicsFor(Session session);
}
