package dev.rts.core.spi;

import java.time.Duration;

/**
 * Bounds on connections that a socket transport enforces before and after the WebSocket upgrade. Built and validated
 * by the server builder; SECURITY.md lists each default and what happens at it.
 *
 * @param maxConnections           the most open connections (HTTP or WebSocket) in total; past it new ones are
 *                                 answered 503 and closed
 * @param maxConnectionsPerAddress the most open connections from one remote address; past it new ones are answered
 *                                 503 and closed
 * @param requestHeaderTimeout     how long a client may take to send a complete request head, and how long an idle
 *                                 HTTP connection stays open waiting for a request
 * @param maxHeaderSize            the largest request head in bytes; a larger one is refused
 * @param slowConsumerGrace        how long a connection's send queue may stay over {@code maxQueuedBytes} before the
 *                                 connection is dropped as a slow consumer
 * @param maxQueuedBytesHardCap    the send queue size at which a connection is dropped at once
 * @param socketSendBuffer         the kernel send buffer ({@code SO_SNDBUF}) of each accepted socket in bytes, or 0
 *                                 to leave its sizing to the kernel
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerAddress, Duration requestHeaderTimeout,
                               int maxHeaderSize, Duration slowConsumerGrace, long maxQueuedBytesHardCap,
                               int socketSendBuffer) {
}
