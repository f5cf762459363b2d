package dev.rts.core.internal;

import dev.rts.api.Identity;
import dev.rts.core.spi.Connection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * What the server knows of one open socket.
 */
final class ConnectionState {

    final Connection connection;
    final String transport;
    final SerialExecutor executor;
    /** Made on first use: most sockets never get an attribute, and an idle socket should hold little. */
    private volatile Map<String, Object> attributes;
    /**
     * Messages dropped (queue full or over the rate) since one was last accepted; past a hard bound the socket closes.
     * Updated through {@link #DROPPED_IN_A_ROW}: no atomic object per socket, and no write per accepted message.
     */
    private volatile int droppedInARow;
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

    private static final VarHandle DROPPED_IN_A_ROW;

    static {
        try {
            DROPPED_IN_A_ROW = MethodHandles.lookup().findVarHandle(ConnectionState.class, "droppedInARow", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    String id() {
        return connection.id();
    }

    /** The socket's attributes, created on first use. */
    Map<String, Object> attributes() {
        Map<String, Object> map = attributes;
        if (map == null) {
            synchronized (this) {
                map = attributes;
                if (map == null) {
                    map = new ConcurrentHashMap<>();
                    attributes = map;
                }
            }
        }
        return map;
    }

    /** A message was accepted: the run of drops ends. */
    void accepted() {
        if (droppedInARow != 0) {
            droppedInARow = 0;
        }
    }

    /** A message was dropped; returns how many in a row now. */
    int dropped() {
        return (int) DROPPED_IN_A_ROW.getAndAdd(this, 1) + 1;
    }

}
