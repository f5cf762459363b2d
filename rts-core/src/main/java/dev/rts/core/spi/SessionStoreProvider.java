package dev.rts.core.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Creates the server's {@link SessionStore} when the app passed none to the builder. Found with
 * {@link java.util.ServiceLoader} when the server starts, the way transports are found, so that adding a jar (such as
 * {@code rts-redis}) and its one setting is enough to keep sessions elsewhere. A provider whose setting is absent
 * declines, so the jar alone changes nothing; when no provider accepts, the server keeps sessions in memory. Two
 * providers accepting is an error naming both.
 */
public interface SessionStoreProvider {

    /**
     * A short name for log lines and errors, such as {@code redis}.
     *
     * @return the name
     */
    String name();

    /**
     * Creates a store if this provider is configured. Called once per server start, on the starting thread; it may
     * block (to connect to a network store).
     *
     * @param maxAge how long the app wants an unused session kept ({@code RtsServerBuilder.sessionMaxAge})
     * @return the store, which the server closes when it stops; or empty if this provider is not configured
     * @throws IllegalStateException if it is configured but cannot work (its store is unreachable, say), with a
     *                               message naming the setting to fix; the server then refuses to start
     */
    Optional<SessionStore> create(Duration maxAge);

    /**
     * Creates a store as {@link #create(Duration)} does, also told how long the app wants an unused anonymous session
     * (no user, no attributes) kept: every connect without a session id makes one, so a store should forget those
     * sooner. This is what the server calls; the default ignores {@code anonymousMaxAge}.
     *
     * @param maxAge          how long the app wants an unused session kept ({@code RtsServerBuilder.sessionMaxAge})
     * @param anonymousMaxAge how long it wants an unused anonymous session kept, at most {@code maxAge}
     *                        ({@code RtsServerBuilder.anonymousSessionMaxAge})
     * @return the store, or empty if this provider is not configured
     * @throws IllegalStateException as {@link #create(Duration)}
     */
    default Optional<SessionStore> create(Duration maxAge, Duration anonymousMaxAge) {
        return create(maxAge);
    }
}
