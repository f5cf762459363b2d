package dev.rts.example;

import dev.rts.api.Identity;
import dev.rts.core.Admission;
import dev.rts.core.Authenticator;
import dev.rts.core.HandshakeRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The example's sign-in: short-lived tokens that name a user, signed with HMAC-SHA256 under a key made at random when
 * the process starts (so a restart signs everyone out, and servers sharing a Redis do not accept each other's tokens).
 * The page gets a token from {@link AccountActions#signIn rpc account.signIn}, keeps it in a {@code SameSite=Strict}
 * cookie that the browser presents with the WebSocket upgrade, and renews it over the open socket before it expires.
 *
 * <p>Anyone may sign in under any name: the example shows the mechanics, not a password check. A socket without a
 * valid token is let in anonymously, so the page works signed out too; an app that requires sign-in would refuse
 * it with {@code Admission.refuse(401)}. Thread-safe.
 */
final class ExampleAuth implements Authenticator {

    /** The cookie the page keeps its token in. */
    static final String COOKIE = "rts-example-token";
    /** The claim that carries the display name. */
    static final String NAME = "name";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key = new byte[32];
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param lifetime how long a token and the credentials of a socket admitted with it last
     */
    ExampleAuth(Duration lifetime, Clock clock) {
        new SecureRandom().nextBytes(key);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A token for the user, valid for the lifetime from now. */
    String issue(String user) {
        String body = B64.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "."
                + clock.instant().plus(lifetime).toEpochMilli();
        return body + "." + B64.encodeToString(mac(body));
    }

    /** The user and expiry a token names, if its signature is ours and it has not expired. */
    Optional<Admission> admit(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            String body = parts[0] + "." + parts[1];
            if (!MessageDigest.isEqual(mac(body), B64D.decode(parts[2]))) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            if (!expires.isAfter(clock.instant())) {
                return Optional.empty();
            }
            String user = new String(B64D.decode(parts[0]), StandardCharsets.UTF_8);
            return Optional.of(Admission.user(user, Map.of(NAME, user), expires));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public CompletionStage<Admission> authenticate(HandshakeRequest request) {
        return CompletableFuture.completedFuture(request.cookie(COOKIE).or(request::bearerToken)
                .flatMap(this::admit).orElse(Admission.anonymous()));
    }

    @Override
    public CompletionStage<Admission> refresh(String token, Identity current) {
        // The server refuses an admission for another user by itself; an invalid token is refused here.
        return CompletableFuture.completedFuture(admit(token).orElse(Admission.refuse(401)));
    }

    private byte[] mac(String body) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
