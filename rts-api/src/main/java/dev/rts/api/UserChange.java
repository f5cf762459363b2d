package dev.rts.api;

/**
 * A session's user id changed.
 *
 * @param sessionId      the session
 * @param previousUserId the user signed in before, or {@code null}
 * @param userId         the user signed in now, or {@code null} after a sign-out
 */
public record UserChange(String sessionId, String previousUserId, String userId) {
}
