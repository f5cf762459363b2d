package dev.rts.core.internal;

import dev.rts.core.Admission;
import java.util.List;
import java.util.Map;

/**
 * All the system handler may ask of the server: bind a socket to a session, renew its credentials, and list the
 * public services.
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

    /**
     * How long until the socket's credentials expire, for the connect and refresh answers.
     *
     * @return milliseconds, 0 once past, or -1 when they never expire
     */
    long millisUntilExpiry(ConnectionState state);

    /** Whether the server has an authenticator, so that {@code refresh} means something. */
    boolean authenticates();

    /**
     * Asks the authenticator to renew the socket's credentials; an admission has updated the socket's identity and
     * expiry by the time the future completes. Never completes exceptionally.
     */
    java.util.concurrent.CompletableFuture<Admission> refresh(ConnectionState state, String token);

    /** What {@code discover} answers: one entry (params and client handler) per public service. */
    List<Map<String, Object>> services();
}
