package dev.rts.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Identity;
import dev.rts.core.Admission;
import dev.rts.core.HandshakeRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleAuthTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ExampleAuth auth = new ExampleAuth(Duration.ofMinutes(5), clock);

    private Admission upgrade(Map<String, String> cookies) {
        return auth.authenticate(new HandshakeRequest("/", "127.0.0.1", Map.of(), Map.of(), cookies))
                .toCompletableFuture().join();
    }

    @Test
    void aTokenItIssuedAdmitsItsUserUntilItExpires() {
        String token = auth.issue("Ann");
        Admission admission = upgrade(Map.of(ExampleAuth.COOKIE, token));
        assertThat(admission).isEqualTo(Admission.user("Ann", Map.of("name", "Ann"),
                Instant.parse("2026-01-01T00:05:00Z")));

        clock.advance(Duration.ofMinutes(5));
        assertThat(upgrade(Map.of(ExampleAuth.COOKIE, token))).isEqualTo(Admission.anonymous());
    }

    @Test
    void forgedOrMalformedTokensAndNoTokenAreAnonymous() {
        String token = auth.issue("Ann");
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        String otherKey = new ExampleAuth(Duration.ofMinutes(5), clock).issue("Ann");
        for (String bad : List.of(forged, otherKey, "", "a.b", "a.b.c", "QW5u.99999999999999.!!")) {
            assertThat(upgrade(Map.of(ExampleAuth.COOKIE, bad))).as(bad).isEqualTo(Admission.anonymous());
        }
        assertThat(upgrade(Map.of())).isEqualTo(Admission.anonymous());
    }

    @Test
    void refreshAdmitsAValidTokenAndRefusesAnInvalidOne() {
        Identity ann = new Identity(java.util.Optional.of("Ann"), Map.of(), java.util.Optional.empty());
        assertThat(auth.refresh(auth.issue("Ann"), ann).toCompletableFuture().join())
                .isInstanceOf(Admission.Admitted.class);
        assertThat(auth.refresh("nonsense", ann).toCompletableFuture().join()).isEqualTo(Admission.refuse(401));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends java.time.Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
