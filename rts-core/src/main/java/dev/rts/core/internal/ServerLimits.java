package dev.rts.core.internal;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The bounds the core enforces, as the builder collected them. See SECURITY.md for each default and what happens at
 * it.
 *
 * @param maxSessions                 the most sessions the in-memory store keeps (least recently used evicted)
 * @param anonymousSessionMaxAge      how long the in-memory store keeps an unused session with no user or attributes
 * @param newSessionsPerSecond        new sessions per second per remote address, {@link Integer#MAX_VALUE} for none
 * @param newSessionBurst             how many new sessions one address may create at once
 * @param handshakeTimeout            how long a socket may stay open without completing the connect handshake
 * @param messagesPerSecond           inbound messages per second per socket, 0 for no limit
 * @param messageBurst                how many messages one socket may send at once
 * @param stackTracesToClients        whether error frames carry stack traces
 * @param fatalErrorHandler           what to do with an {@link Error} on a server thread
 */
public record ServerLimits(int maxSessions, Duration anonymousSessionMaxAge, int newSessionsPerSecond,
                           int newSessionBurst, Duration handshakeTimeout, int messagesPerSecond, int messageBurst,
                           boolean stackTracesToClients, Consumer<Error> fatalErrorHandler) {
}
