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
     *
     * @return the session, or {@code null} if a new session was needed and its address created too many lately
     */
    LiveSession bindSession(ConnectionState state, Object presentedSessionId);

    /**
     * Notes (in a rate-limited log line) that {@link #bindSession} refused a new session for the socket's address,
     * and returns the message for the client.
     */
    String newSessionRefusal(ConnectionState state);

    /** What {@code discover} answers: one entry (params and client handler) per public service. */
    List<Map<String, Object>> services();
}
