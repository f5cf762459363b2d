package dev.rts.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PubSubServiceBuilderTest {

    @Test
    void badSettingsAreRejectedNamingTheProperty() {
        PubSubService.Builder builder = PubSubService.builder();

        assertThatThrownBy(() -> builder.maxChannelsPerSession(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxChannelsPerSession must be 1 to 10000 but was 0");
        assertThatThrownBy(() -> builder.authorizer(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("authorizer");
    }

    @Test
    void oneInstanceStartsOnce() {
        PubSubService service = new PubSubService();
        try (TestServer first = TestServer.start(service)) {
            assertThatThrownBy(() -> TestServer.start(service)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("This PubSubService was already started (as 'pubsub' or on another "
                            + "server); build one instance per server");
            assertThat(first.api().get("pubsub", PubSub.class)).isNotNull();
        }
    }
}
