package dev.rts.api;

/**
 * A connection that completed the handshake, or closed after it.
 *
 * @param socketId  the socket
 * @param clientIp  the client's address, as {@link Request#clientIp()} gives it
 * @param transport the transport name
 * @param sessionId the session the connection presented or was given
 */
public record ConnectionEvent(String socketId, String clientIp, String transport, String sessionId) {
}
