package dev.rts.livereload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Service;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LiveReloadDiscoveryTest {

    @Test
    void serviceLoaderFindsLiveReloadWithItsBrowserHalf() {
        List<Service> found = ServiceLoader.load(Service.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(s -> s.name().equals("livereload"))
                .toList();

        assertThat(found).hasSize(1);
        Service service = found.get(0);
        assertThat(service.getClass().getName()).isEqualTo("dev.rts.livereload.internal.LiveReloadService");
        assertThat(service.features()).isEmpty();
        assertThat(service.isPrivate()).isFalse();
        assertThat(service.clientCode()).hasValueSatisfying(js -> {
            assertThat(js).startsWith("function (client) {");
            assertThat(js.strip()).endsWith("}");
            assertThat(js).contains("'reload'", "'updateCSS'", "client.onmessage");
        });
    }
}
