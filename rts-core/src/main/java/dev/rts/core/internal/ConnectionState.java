package dev.rts.core.internal;

import dev.rts.api.Identity;
import dev.rts.core.spi.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the server knows of one open socket.
 */
final class ConnectionState {

    final Connection connection;
    final String transport;
    final SerialExecutor executor;
    final Map<String, Object> attributes = new ConcurrentHashMap<>();
    /** Messages dropped (queue full or over the rate) since one was last accepted; past a hard bound the socket closes. */
    final AtomicInteger droppedInARow = new AtomicInteger();
    /** The socket's message rate budget, or {@code null} when the rate is not limited. */
    final TokenBucket messageBudget;
    /** Closes the socket if the connect handshake does not complete in time; cancelled by the handshake. */
    volatile Future<?> handshakeDeadline;
    /** Written on this connection's serial executor; read from reply threads too. */
    volatile LiveSession session;
    volatile boolean closed;
    /** Who the socket was admitted as; replaced by each successful refresh. */
    volatile Identity identity = Identity.ANONYMOUS;
    /** Whether the server authenticates, so the session's user must be the socket's (see ConnectionRegistry.bind). */
    volatile boolean authenticated;
    /** Closes the socket when its credentials expire; replaced by each successful refresh. Guarded by this. */
    Future<?> expiry;
    /** Refreshes over this socket, made on first use; see Authentication. */
    volatile Authentication.RefreshBudget refreshes;

    ConnectionState(Connection connection, String transport, SerialExecutor executor, TokenBucket messageBudget) {
        this.connection = connection;
        this.transport = transport;
        this.executor = executor;
        this.messageBudget = messageBudget;
    }

    String id() {
        return connection.id();
    }

}
