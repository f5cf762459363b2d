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

    /**
     * Asks the transport to stop reading frames from this socket ({@code true}) or to read again ({@code false}): the
     * server's backpressure on a client that sends faster than its messages are handled. While paused, the kernel's
     * buffers fill and TCP slows the sender down, so nothing is lost and nothing grows. The latest call wins; calls
     * come from any thread and must not block. A few frames the transport had already read may still arrive after a
     * pause.
     *
     * <p>By default nothing happens, and the server drops what does not fit in the socket's queue of waiting messages
     * instead (each dropped call answered with an error), as it must for a transport that cannot pause.
     *
     * @param paused whether to stop reading
     */
    default void pauseReading(boolean paused) {
    }
}
