package dev.rts.core;

import dev.rts.api.Identity;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides who may open a WebSocket, before the upgrade, and renews credentials over an open socket. Register one
 * with {@code RtsServer.builder().authenticator(...)}; without one every socket is anonymous.
 *
 * <p><b>Threads.</b> The server calls both methods on one of its worker threads, never on an I/O thread, so an
 * implementation may block briefly (a cache or database look-up); one that calls a remote service should return a
 * stage instead of waiting for it. Calls for different sockets run concurrently.
 *
 * <p><b>Failures.</b> A method that throws, returns {@code null}, or whose stage fails or is not complete within
 * the server's {@code authenticationTimeout} (10 s by default) is logged (at most one line per 10 s) and counts as a
 * refusal: the upgrade is answered {@code 503} with RTS's own text, a refresh gets an error answer. The exception's
 * message never reaches the client.
 *
 * <p><b>Sessions.</b> The admitted user becomes the user of the socket's session. A socket joins the session it
 * presents only if that session's user is the admitted user (or both are anonymous); otherwise it gets a new session
 * bound to its user, so that a session id planted in a victim's browser, or stolen from it, never carries another
 * user's sign-in.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * Decides about an upgrade request.
     *
     * @param request the request: headers, cookies, query parameters, path and remote address
     * @return a stage of the decision: {@link Admission#user}, {@link Admission#anonymous()} or
     *         {@link Admission#refuse(int)}
     */
    CompletionStage<Admission> authenticate(HandshakeRequest request);

    /**
     * Renews a socket's credentials with a token the client sent over the socket ({@code {"c":"refresh"}}), before
     * they expire. Admitting extends the expiry and replaces the claims; the user id must stay the same, and the
     * server refuses an admission for another user (or an anonymous one) as it would a refusal. By default every
     * refresh is refused, so credentials that expire end the socket and the client reconnects.
     *
     * @param token   the token, at most 4096 characters
     * @param current the socket's identity now
     * @return a stage of the decision
     */
    default CompletionStage<Admission> refresh(String token, Identity current) {
        return CompletableFuture.completedFuture(Admission.refuse(401));
    }
}
