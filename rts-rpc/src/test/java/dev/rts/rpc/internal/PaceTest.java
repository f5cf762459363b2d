package dev.rts.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PaceTest {

    private static final long QUICK = Pace.QUICK_NANOS / 2;
    private static final long SLOW = Pace.QUICK_NANOS * 10;

    @Test
    void aMethodIsHandedOffUntilItsLastCallsWereAllQuick() {
        Pace pace = new Pace();
        for (int i = 1; i < Pace.STREAK; i++) {
            pace.record(QUICK);
            assertThat(pace.quick()).as("after %d quick calls", i).isFalse();
        }

        pace.record(QUICK);

        assertThat(pace.quick()).isTrue();
    }

    @Test
    void oneSlowCallSendsAQuickMethodBackToTheWorkers() {
        Pace pace = new Pace();
        for (int i = 0; i < Pace.STREAK * 2; i++) {
            pace.record(QUICK);
        }

        pace.record(SLOW);

        assertThat(pace.quick()).isFalse();
        for (int i = 1; i < Pace.STREAK; i++) {
            pace.record(QUICK);
        }
        assertThat(pace.quick()).isFalse();
    }

    @Test
    void timeoutSweepRunsAtATenthOfTheTimeoutWithinBounds() {
        assertThat(DefaultRpc.sweepPeriod(java.time.Duration.ofSeconds(30))).hasSeconds(1);
        assertThat(DefaultRpc.sweepPeriod(java.time.Duration.ofMillis(2000))).hasMillis(200);
        assertThat(DefaultRpc.sweepPeriod(java.time.Duration.ofMillis(50))).hasMillis(10);
    }
}
