package dev.rts.bench.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs both echoes of the binary benchmark briefly: every answer is checked byte for byte inside. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BinaryEchoBenchTest {

    @Test
    void bothEchoesReturnThePayloadUnchanged() {
        byte[] payload = new byte[BinaryEchoBench.PAYLOAD];
        ThreadLocalRandom.current().nextBytes(payload);
        try (BinaryEchoBench.Rig rig = new BinaryEchoBench.Rig()) {
            assertThat(rig.binary(payload).join()).isEqualTo(payload);
            assertThat(rig.base64(payload).join()).isEqualTo(payload);
            assertThat(BinaryEchoBench.roundTripsPerSecond(rig::binary, payload, TimeUnit.MILLISECONDS.toNanos(200)))
                    .isPositive();
        }
    }
}
