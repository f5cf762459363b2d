package dev.rts.client;

/**
 * Connection status events, in the order they usually happen.
 */
public enum ClientStatus {
    /** The socket opened; the handshake follows. */
    OPEN,
    /** The handshake and discovery completed; services may be used. */
    READY,
    /** The socket closed. */
    CLOSED,
    /** A reconnect attempt is scheduled. */
    RECONNECTING
}
