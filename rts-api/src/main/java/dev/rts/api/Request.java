package dev.rts.api;

import java.util.Map;
import java.util.Optional;

/**
 * Who sent a message, and over what.
 */
public interface Request {

    /**
     * The sending socket, unique on this server process.
     *
     * @return the socket id
     */
    String socketId();

    /**
     * The client's address: the socket's peer, or, when the peer is one of the server's trusted reverse proxies,
     * the client that proxy named in {@code X-Forwarded-For}.
     *
     * @return an IP address literal
     */
    String clientIp();

    /**
     * The name of the transport the message came through, such as {@code "undertow"} or {@code "memory"}.
     *
     * @return the transport name
     */
    String transport();

    /**
     * The name of the service the message is for.
     *
     * @return the mount name
     */
    String service();

    /**
     * Per-connection attributes, shared by every service and middleware on this connection. Thread-safe.
     *
     * @return a mutable concurrent map
     */
    Map<String, Object> attributes();

    /**
     * The sender's session id, once the connection completed the handshake.
     *
     * @return the session id, or empty before the handshake
     */
    Optional<String> sessionId();

    /**
     * The sender's session, loaded once per connection.
     *
     * @return the session
     * @throws IllegalStateException if the service does not use {@link Feature#SESSIONS} or the connection has not
     *                               completed the handshake
     */
    Session session();

    /**
     * Who the sending socket was admitted as by the server's authenticator, as of this message: a refresh over the
     * socket may have updated the claims and expiry since it opened. Without an authenticator every socket is
     * {@link Identity#ANONYMOUS}. Unlike {@link #session()}, it needs no {@link Feature#SESSIONS}.
     *
     * @return the socket's identity, never {@code null}
     */
    default Identity identity() {
        return Identity.ANONYMOUS;
    }
}
