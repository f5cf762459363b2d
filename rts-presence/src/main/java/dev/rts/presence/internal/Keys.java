package dev.rts.presence.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Member keys of anonymous sessions, and short quotes of client input. */
final class Keys {

    private Keys() {
    }

    /**
     * {@code ~} and 16 hex digits of the session id's SHA-256: the same on every node for the same session, and
     * useless for taking the session over (other browsers see keys; the session id is a bearer secret).
     */
    static String anonymous(String sessionId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return "~" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    /** At most 64 characters of a client's value, for error messages. */
    static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...(" + value.length() + " characters)";
    }
}
