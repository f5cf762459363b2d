package dev.rts.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.ServiceOptions;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Rpc#builder()}: the one way to configure rpc. */
@Timeout(10)
class RpcBuilderTest {

    @Test
    void settingsAreCheckedWhenSetNamingThePropertyAndTheValue() {
        Rpc.Builder builder = Rpc.builder();

        assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Rpc timeout must be a positive duration but was 0 ms");
        assertThatThrownBy(() -> builder.clientTimeout(Duration.ofMillis(-5)))
                .hasMessage("Rpc clientTimeout must be a positive duration but was -5 ms");
        assertThatThrownBy(() -> builder.maxInFlight(0)).hasMessage("Rpc maxInFlight must be at least 1 but was 0");
        assertThatThrownBy(() -> builder.timeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("timeout");
    }

    @Test
    void theBrowserWaitsFiveSecondsLongerThanTheServerUnlessToldOtherwise() {
        assertThat(Rpc.builder().timeout(Duration.ofSeconds(2)).build().clientOptions(ServiceOptions.empty()))
                .isEqualTo(Map.of("timeout", 7_000L));
        assertThat(Rpc.builder().timeout(Duration.ofSeconds(2)).clientTimeout(Duration.ofSeconds(3)).build()
                .clientOptions(ServiceOptions.empty())).isEqualTo(Map.of("timeout", 3_000L));
    }

    @Test
    void anOptionsMapIsRefusedNamingTheBuilder() {
        TestServer.Builder builder = TestServer.builder().service("rpc", Rpc.service(), Map.of("timeout", 5000));

        assertThatThrownBy(builder::start).hasRootCauseMessage("Rpc takes no options map but was given [timeout]; "
                + "configure it with Rpc.builder().timeout(...).clientTimeout(...).maxInFlight(...).build() and "
                + "mount that service");
    }
}
