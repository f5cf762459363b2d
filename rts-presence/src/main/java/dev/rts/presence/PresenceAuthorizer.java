package dev.rts.presence;

import dev.rts.api.Session;

/**
 * Decides which topics browsers may join and watch. Called on a worker thread for each browser request (server code
 * calling {@link Presence#track} is not asked); must not block for long. An exception counts as a refusal and is
 * logged.
 */
public interface PresenceAuthorizer {

    /** Refuses every browser request: only server code tracks connections. The default. */
    PresenceAuthorizer DENY_ALL = new PresenceAuthorizer() {
        @Override
        public boolean mayJoin(Session session, String topic) {
            return false;
        }

        @Override
        public boolean mayWatch(Session session, String topic) {
            return false;
        }
    };

    /** Allows every browser to join and watch every topic. */
    PresenceAuthorizer ALLOW_ALL = new PresenceAuthorizer() {
        @Override
        public boolean mayJoin(Session session, String topic) {
            return true;
        }

        @Override
        public boolean mayWatch(Session session, String topic) {
            return true;
        }
    };

    /**
     * Whether the browser may put its connection into a topic (and update its meta there).
     *
     * @param session the session of the connection that asked
     * @param topic   a valid topic name
     * @return {@code true} to allow it
     */
    boolean mayJoin(Session session, String topic);

    /**
     * Whether the browser may watch a topic's members or their count.
     *
     * @param session the session of the connection that asked
     * @param topic   a valid topic name
     * @return {@code true} to allow it
     */
    boolean mayWatch(Session session, String topic);
}
