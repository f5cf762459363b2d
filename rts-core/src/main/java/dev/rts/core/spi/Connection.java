package dev.rts.core.spi;

/**
 * One socket, implemented by a transport. Thread-safe.
 */
public interface Connection {

    /**
     * An id unique on this server process while the socket is open.
     *
     * @return the socket id
     */
    String id();

    /**
     * The remote address.
     *
     * @return an IP address literal
     */
    String clientIp();

    /**
     * Queues a text frame for sending. Never blocks. A transport bounds what it queues per connection and drops a
     * connection whose queue is full, rather than let memory grow; it reports close code 1008 to the server, while
     * the peer, which is not reading, sees the connection drop.
     *
     * @param frame the frame; its bytes may be shared with other connections and must not be modified
     * @return {@code false} if the connection is closed or was just closed for being too slow
     */
    boolean send(OutboundFrame frame);

    /**
     * Closes the socket with a close frame. Does nothing if already closed. Never blocks.
     *
     * @param code   the close code
     * @param reason a short reason, at most 123 bytes of UTF-8
     */
    void close(int code, String reason);

    /**
     * Whether the socket is open.
     *
     * @return {@code true} until it closed
     */
    boolean isOpen();
}
