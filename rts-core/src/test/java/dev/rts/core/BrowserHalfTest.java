package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.BrowserHalf;
import dev.rts.api.Service;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Browser halves come from {@code META-INF/rts/<class name>.js}, read by one loader, {@link BrowserHalf}. */
@Timeout(10)
class BrowserHalfTest {

    /** Has META-INF/rts/dev.rts.core.BrowserHalfTest$WithHalf.js in the test resources; relies on the default. */
    public static final class WithHalf implements Service {
        @Override
        public String name() {
            return "withhalf";
        }
    }

    /** No file and no declaration: gets the default browser half. */
    public static final class WithoutHalf implements Service {
        @Override
        public String name() {
            return "plain";
        }
    }

    /** Declares a browser half its jar does not have. */
    public static final class MissingHalf implements Service {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Optional<String> clientCode() {
            return Optional.of(BrowserHalf.read(getClass()));
        }
    }

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theDefaultReadsTheFileNamedAfterTheClassUnderMetaInfRts() {
        fixture.start(fixture.builder().service(new WithHalf()).service(new WithoutHalf()));

        assertThat(fixture.server().clientScript())
                .contains("\"name\":\"withhalf\",\"options\":{},\"use\":{}}, (function (client) { return { hello: "
                        + "function () { return \"from META-INF/rts\"; } }; }));")
                .contains("\"name\":\"plain\",\"options\":{},\"use\":{}}, (function (client) { return client; }));");
        assertThat(BrowserHalf.resourceName(WithHalf.class))
                .isEqualTo("META-INF/rts/dev.rts.core.BrowserHalfTest$WithHalf.js");
    }

    @Test
    void aDeclaredBrowserHalfThatIsMissingStopsTheServerFromStarting() {
        RtsServerBuilder builder = fixture.builder().service(new MissingHalf());

        assertThatThrownBy(() -> fixture.start(builder)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Service 'broken' (dev.rts.core.BrowserHalfTest$MissingHalf) cannot start: its browser "
                        + "half cannot be read: dev.rts.core.BrowserHalfTest$MissingHalf declares a browser half but "
                        + "META-INF/rts/dev.rts.core.BrowserHalfTest$MissingHalf.js is not in its jar; put the browser "
                        + "half's function (client) { ... } there (src/main/resources/META-INF/rts/"
                        + "dev.rts.core.BrowserHalfTest$MissingHalf.js)");
    }
}
