package dev.rts.core.internal;

import java.util.List;
import java.util.Map;

/**
 * All the system handler may ask of the server: bind a socket to a session, and list the public services.
 */
interface SystemHost {

    /**
     * Binds the socket to the session it presented, or to a new one, and tells the services it connected. Runs on
     * the connection's serial executor; may block on the session store.
     */
    LiveSession bindSession(ConnectionState state, Object presentedSessionId);

    /** What {@code discover} answers: one entry (params and client handler) per public service. */
    List<Map<String, Object>> services();
}
