package dev.rts.core;

import dev.rts.api.Identity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Authenticator} decided about a WebSocket upgrade or a credentials refresh: admit the socket with an
 * {@link Identity}, or refuse it. Immutable; build one with the static methods.
 */
public sealed interface Admission permits Admission.Admitted, Admission.Refused {

    /**
     * Admits the socket as the identity.
     *
     * @param identity who the socket is
     */
    record Admitted(Identity identity) implements Admission {
        /**
         * Checks the identity.
         *
         * @throws NullPointerException if it is {@code null}
         */
        public Admitted {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * Refuses the upgrade (the client gets an HTTP answer and no WebSocket) or the refresh (the client gets an error
     * answer; the socket keeps its credentials until they expire).
     *
     * @param status 401 or 403 (503 when the server itself refused because the authenticator failed)
     * @param body   the short text the client gets
     */
    record Refused(int status, String body) implements Admission {
        /**
         * Checks the status and body.
         *
         * @throws IllegalArgumentException if the status is not 401, 403 or 503, or the body is empty, longer than
         *                                  200 characters or has control characters
         */
        public Refused {
            if (status != 401 && status != 403 && status != 503) {
                throw new IllegalArgumentException("A refusal's status must be 401 (not signed in) or 403 (not "
                        + "allowed) but was " + status);
            }
            Objects.requireNonNull(body, "body");
            if (body.isEmpty() || body.length() > 200 || body.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("A refusal's message must be 1 to 200 characters without control "
                        + "characters but was '" + (body.length() > 200 ? body.substring(0, 200) + "..." : body)
                        + "'");
            }
        }
    }

    /** What a client refused with 401 reads unless the authenticator chose a message. */
    String UNAUTHORIZED = "Sign in to connect";
    /** What a client refused with 403 reads unless the authenticator chose a message. */
    String FORBIDDEN = "Not allowed to connect";

    /**
     * Admits the socket without a user, as if there were no authenticator. It gets a session of its own: one
     * bound to a user is never shared with an anonymous socket.
     *
     * @return the admission
     */
    static Admission anonymous() {
        return new Admitted(Identity.ANONYMOUS);
    }

    /**
     * Admits the socket as a user.
     *
     * @param userId    the user id, not blank; it becomes the session's user
     * @param claims    what services may read through {@code Request.identity().claims()}; copied
     * @param expiresAt when the credentials expire unless the client refreshes them over the socket (the server then
     *                  closes the socket with 4401), or {@code null} for never
     * @return the admission
     * @throws NullPointerException     if the user id or the claims (or one of their names or values) are
     *                                  {@code null}
     * @throws IllegalArgumentException if the user id is blank
     */
    static Admission user(String userId, Map<String, ?> claims, Instant expiresAt) {
        return new Admitted(new Identity(Optional.of(Objects.requireNonNull(userId, "userId")),
                Map.copyOf(claims), Optional.ofNullable(expiresAt)));
    }

    /**
     * Refuses with RTS's own message: {@value #UNAUTHORIZED} for 401, {@value #FORBIDDEN} for 403.
     *
     * @param status 401 (no or bad credentials) or 403 (valid credentials, not allowed)
     * @return the refusal
     * @throws IllegalArgumentException if the status is neither
     */
    static Admission refuse(int status) {
        return refuse(status, status == 403 ? FORBIDDEN : UNAUTHORIZED);
    }

    /**
     * Refuses with a message of the app's choosing. It reaches the client as it is: never put an exception's
     * message or anything secret in it.
     *
     * @param status  401 or 403
     * @param message 1 to 200 characters, no control characters
     * @return the refusal
     * @throws IllegalArgumentException if the status is neither 401 nor 403, or the message is not as described
     */
    static Admission refuse(int status, String message) {
        if (status != 401 && status != 403) {
            throw new IllegalArgumentException("A refusal's status must be 401 (not signed in) or 403 (not allowed) "
                    + "but was " + status);
        }
        return new Refused(status, message);
    }
}
