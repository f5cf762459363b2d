package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Api;
import dev.rts.api.ServiceOptions;
import dev.rts.core.DiscoverableServices.Mounted;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Discovery through {@code ServiceLoader}, as production does: the test resources list
 * {@link DiscoverableServices.Alpha} and {@link DiscoverableServices.Beta}.
 */
@Timeout(10)
class ServiceDiscoveryTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private RtsServerBuilder discovering() {
        return fixture.builder().discoverServices(true);
    }

    @Test
    void discoveredServicesAreMountedAfterExplicitOnesInNameOrder() {
        Api api = fixture.start(discovering().service(FakeService.named("first").api("explicit")));

        assertThat(api.names()).containsExactly("first", "alpha", "beta");
        assertThat(api.get("alpha", Mounted.class))
                .isEqualTo(new Mounted(DiscoverableServices.Alpha.class, "alpha", 2, ServiceOptions.empty()));
        assertThat(api.get("beta", Mounted.class).id()).isEqualTo(3);
    }

    @Test
    void discoveredServicesAnswerDiscover() {
        fixture.start(discovering());
        FakeConnection socket = fixture.open();

        socket.receive("0|2|{\"c\":\"discover\",\"p\":{}}");

        assertThat(socket.nextSent()).isEqualTo("0|2|["
                + "{\"params\":{\"id\":1,\"name\":\"alpha\",\"options\":{},\"use\":{}},"
                + "\"handler\":\"function (client) { return client; }\"},"
                + "{\"params\":{\"id\":2,\"name\":\"beta\",\"options\":{},\"use\":{}},"
                + "\"handler\":\"function (client) { return client; }\"}]");
        socket.assertNoMoreSent();
    }

    @Test
    void withDiscoveryOffOnlyExplicitServicesAreMounted() {
        Api api = fixture.start(fixture.builder().service(FakeService.named("first").api("explicit")));

        assertThat(api.names()).containsExactly("first");
    }

    @Test
    void excludedServicesAreLeftOut() {
        Api api = fixture.start(discovering().exclude("alpha"));

        assertThat(api.names()).containsExactly("beta");
        assertThat(api.get("beta", Mounted.class).id()).isEqualTo(1);
    }

    @Test
    void configureGivesOptionsToADiscoveredServiceByItsDefaultName() {
        Api api = fixture.start(discovering().configure("beta", Map.of("greeting", "hello", "limit", 3)));

        assertThat(api.get("beta", Mounted.class).options().asMap())
                .isEqualTo(Map.of("greeting", "hello", "limit", 3));
        assertThat(api.get("alpha", Mounted.class).options().asMap()).isEmpty();
    }

    @Test
    void anExplicitlyMountedServiceClassIsNotDiscoveredAgain() {
        Api api = fixture.start(discovering().service("mine", new DiscoverableServices.Alpha(), Map.of("x", 1)));

        assertThat(api.names()).containsExactly("mine", "beta");
        assertThat(api.get("mine", Mounted.class).options().asMap()).containsExactly(Map.entry("x", 1));
    }

    @Test
    void aDiscoveredNameTakenByAnExplicitServiceFailsStartupNamingBothClasses() {
        Queue<String> lifecycle = new ConcurrentLinkedQueue<>();
        RtsServerBuilder builder = discovering().service(FakeService.named("alpha").recordLifecycleIn(lifecycle));

        assertThatThrownBy(() -> fixture.start(builder))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Service name 'alpha' is already used by dev.rts.core.FakeService; service names must be "
                        + "unique (dev.rts.core.DiscoverableServices$Alpha wants it too; mount one under another "
                        + "name)");
        assertThat(lifecycle).isEmpty();
    }

    @Test
    void aBrokenProviderFailsStartupNamingTheClass() throws Exception {
        RtsServerBuilder builder = discovering();

        assertThatThrownBy(() -> withExtraProviders("broken", () -> fixture.start(builder)))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot load service provider(s): dev.rts.api.Service: Provider dev.rts.core.NoSuchService "
                        + "not found. Fix or remove the jar, or turn discovery off with discoverServices(false) and "
                        + "register services by hand");
    }

    @Test
    void aDiscoveredServiceWithAnInvalidNameFailsStartup() throws Exception {
        RtsServerBuilder builder = discovering();

        assertThatThrownBy(() -> withExtraProviders("bad-name", () -> fixture.start(builder)))
                .hasMessage("Service name 'bad name' of dev.rts.core.DiscoverableServices$BadName is invalid: "
                        + "expected 1 to 12 characters of [A-Za-z0-9_-]");
    }

    /** Runs with a context class loader that also sees {@code extra-providers/<dir>/META-INF/services}. */
    static void withExtraProviders(String dir, Runnable action) throws Exception {
        URL root = ServiceDiscoveryTest.class.getResource("/extra-providers/" + dir + "/");
        assertThat(root).as("test resource extra-providers/%s", dir).isNotNull();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader parent = ServiceDiscoveryTest.class.getClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root}, parent)) {
            thread.setContextClassLoader(loader);
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
