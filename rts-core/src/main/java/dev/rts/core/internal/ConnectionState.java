package dev.rts.core.internal;

import dev.rts.core.spi.Connection;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the server knows of one open socket.
 */
final class ConnectionState {

    final Connection connection;
    final String transport;
    final SerialExecutor executor;
    final Map<String, Object> attributes = new ConcurrentHashMap<>();
    /** Set when the queue overflowed and the client was told; cleared when a message fits again. */
    final AtomicBoolean overflowReported = new AtomicBoolean();
    /** Written on this connection's serial executor; read from reply threads too. */
    volatile LiveSession session;
    volatile boolean closed;

    ConnectionState(Connection connection, String transport, SerialExecutor executor) {
        this.connection = connection;
        this.transport = transport;
        this.executor = executor;
    }

    String id() {
        return connection.id();
    }

    boolean loopback() {
        try {
            return InetAddress.getByName(connection.clientIp()).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
