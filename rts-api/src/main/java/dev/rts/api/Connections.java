package dev.rts.api;

import java.util.Optional;
import java.util.Set;

/**
 * The connections open on this server process that completed the handshake, indexed by session and user. A live,
 * thread-safe view; the sets returned are snapshots.
 */
public interface Connections {

    /**
     * How many connections are open.
     *
     * @return the count
     */
    int count();

    /**
     * The socket ids of every connection.
     *
     * @return a snapshot
     */
    Set<String> socketIds();

    /**
     * The session a socket is bound to.
     *
     * @param socketId the socket
     * @return the session id, or empty if the socket is unknown
     */
    Optional<String> sessionOf(String socketId);

    /**
     * The sockets of one session (several tabs share a session).
     *
     * @param sessionId the session
     * @return a snapshot, empty if none
     */
    Set<String> socketsOfSession(String sessionId);

    /**
     * The sockets of every session signed in as a user.
     *
     * @param userId the user
     * @return a snapshot, empty if none
     */
    Set<String> socketsOfUser(String userId);

    /**
     * Finds a session by id in the session store.
     *
     * @param sessionId the id
     * @return the session, or empty if unknown or expired
     */
    Optional<Session> session(String sessionId);
}
