package dev.rts.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs each in-process benchmark body once, outside JMH: every message sent is answered. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InProcessBenchTest {

    @Test
    void everyScenarioAnswersEveryMessageOfABatch() {
        InProcessBench bench = new InProcessBench();
        bench.start();
        try {
            assertThat(bench.plainEcho()).isEqualTo(InProcessBench.BATCH);
            assertThat(bench.jsonEcho()).isEqualTo(InProcessBench.BATCH);
            assertThat(bench.callbackEcho()).isEqualTo(InProcessBench.BATCH);
            assertThat(bench.sessionEcho()).isEqualTo(InProcessBench.BATCH);
            assertThat(bench.rpcEcho()).isEqualTo(InProcessBench.BATCH);
        } finally {
            bench.stop();
        }
    }
}
