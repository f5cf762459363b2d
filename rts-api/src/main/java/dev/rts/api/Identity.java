package dev.rts.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a socket was admitted as: what the server's authenticator decided when the socket opened, as updated by each
 * credentials refresh over the socket. It belongs to the socket, not the session: tabs that share a session each
 * have their own identity (the same user, perhaps different claims or expiry). Immutable.
 *
 * @param userId    the user the socket was admitted as, or empty for an anonymous socket
 * @param claims    what the authenticator chose to tell services about the user (roles, tenant, display name);
 *                  an unmodifiable copy, never {@code null}
 * @param expiresAt when the socket's credentials expire unless refreshed, or empty for never
 */
public record Identity(Optional<String> userId, Map<String, Object> claims, Optional<Instant> expiresAt) {

    /** The identity of a socket on a server without an authenticator, or admitted without a user. */
    public static final Identity ANONYMOUS = new Identity(Optional.empty(), Map.of(), Optional.empty());

    /**
     * Checks and copies.
     *
     * @throws NullPointerException     if an argument, a claim name or a claim value is {@code null}
     * @throws IllegalArgumentException if the user id is blank
     */
    public Identity {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        claims = Map.copyOf(Objects.requireNonNull(claims, "claims"));
        if (userId.isPresent() && userId.get().isBlank()) {
            throw new IllegalArgumentException("An identity's user id must not be blank; use Optional.empty() for "
                    + "an anonymous socket");
        }
    }

    /**
     * Reads one claim.
     *
     * @param name the claim name
     * @return its value, or empty
     */
    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }
}
