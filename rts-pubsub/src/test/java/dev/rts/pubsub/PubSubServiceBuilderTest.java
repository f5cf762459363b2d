package dev.rts.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Service;
import dev.rts.testkit.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PubSubServiceBuilderTest {

    @Test
    void badSettingsAreRejectedNamingTheProperty() {
        PubSub.Builder builder = PubSub.builder();

        assertThatThrownBy(() -> builder.maxChannelsPerSession(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PubSub maxChannelsPerSession must be 1 to 10000 but was 0");
        assertThatThrownBy(() -> builder.authorizer(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("authorizer");
    }

    @Test
    void anOptionsMapIsRefusedNamingTheBuilder() {
        TestServer.Builder builder = TestServer.builder().service("pubsub", PubSub.service(),
                Map.of("maxChannelsPerSession", 5));

        assertThatThrownBy(builder::start).hasRootCauseMessage("PubSub takes no options map but was given "
                + "[maxChannelsPerSession]; configure it with PubSub.builder().authorizer(...)"
                + ".maxChannelsPerSession(...).build() and mount that service");
    }

    @Test
    void oneInstanceStartsOnce() {
        Service service = PubSub.service();
        try (TestServer first = TestServer.start(service)) {
            assertThatThrownBy(() -> TestServer.start(service)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("This PubSubService was already started (as 'pubsub' or on another "
                            + "server); build one instance per server");
            assertThat(first.api().get("pubsub", PubSub.class)).isNotNull();
        }
    }
}
