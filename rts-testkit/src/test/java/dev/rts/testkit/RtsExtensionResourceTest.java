package dev.rts.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An injected client is stored as an {@link AutoCloseable}: JUnit 5.14 warns about a resource that is only a
 * {@code CloseableResource}, and closes it when the test ends.
 */
@Timeout(20)
class RtsExtensionResourceTest {

    @RegisterExtension
    static RtsExtension rts = RtsExtension.perClass(server -> server.service(new EchoService()));

    private static TestClient injected;

    /** Registered after rts, so its afterEach runs first, while the store still holds the client. */
    @RegisterExtension
    final AfterEachCallback storeCheck = context -> {
        Object stored = context.getStore(ExtensionContext.Namespace.create(RtsExtension.class, rts)).get(injected);
        assertThat(stored).isInstanceOf(AutoCloseable.class);
    };

    @Test
    void theInjectedClientIsAnAutoCloseableInTheStore(TestClient client) {
        injected = client;
        assertThat(client.isConnected()).isTrue();
    }
}
