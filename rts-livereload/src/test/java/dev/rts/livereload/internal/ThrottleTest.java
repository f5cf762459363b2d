package dev.rts.livereload.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ThrottleTest {

    private static final long MS = 1_000_000;
    private final Throttle throttle = new Throttle(Duration.ofMillis(100));

    @Test
    void nothingIsDueWithoutChanges() {
        assertThat(throttle.pending()).isFalse();
        assertThat(throttle.takeIfDue(1_000 * MS)).isNull();
    }

    @Test
    void aChangeIsSentOnceTheWindowPassedQuietly() {
        throttle.record(false, 0);

        assertThat(throttle.takeIfDue(99 * MS)).isNull();
        assertThat(throttle.takeIfDue(100 * MS)).isEqualTo(Action.RELOAD);
        assertThat(throttle.takeIfDue(1_000 * MS)).isNull();
    }

    @Test
    void aBurstOfChangesIsSentOnceAfterItsLastChange() {
        for (int i = 0; i < 200; i++) {
            throttle.record(false, i * MS);
        }

        assertThat(throttle.takeIfDue(298 * MS)).isNull();
        assertThat(throttle.takeIfDue(299 * MS)).isEqualTo(Action.RELOAD);
        assertThat(throttle.pending()).isFalse();
    }

    @Test
    void changesThatNeverStopAreSentAfterTenWindows() {
        long t = 0;
        for (; t < 999 * MS; t += 50 * MS) {
            throttle.record(true, t);
            assertThat(throttle.takeIfDue(t)).isNull();
        }

        assertThat(throttle.takeIfDue(1_000 * MS)).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void onlyStylesheetChangesUpdateCss() {
        throttle.record(true, 0);
        throttle.record(true, MS);

        assertThat(throttle.takeIfDue(200 * MS)).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void anyOtherChangeInTheBurstReloads() {
        throttle.record(true, 0);
        throttle.record(false, MS);
        throttle.record(true, 2 * MS);

        assertThat(throttle.takeIfDue(200 * MS)).isEqualTo(Action.RELOAD);
    }

    @Test
    void theNextBurstStartsAfresh() {
        throttle.record(false, 0);
        assertThat(throttle.takeIfDue(100 * MS)).isEqualTo(Action.RELOAD);

        throttle.record(true, 150 * MS);
        assertThat(throttle.takeIfDue(200 * MS)).isNull();
        assertThat(throttle.takeIfDue(250 * MS)).isEqualTo(Action.UPDATE_CSS);
    }

    @Test
    void aNonPositiveWindowIsRejected() {
        assertThatThrownBy(() -> new Throttle(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Throttle window must be positive but was PT0S");
    }
}
