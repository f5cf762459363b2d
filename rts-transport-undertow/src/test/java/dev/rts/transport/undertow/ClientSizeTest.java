package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the browser client ultra-light: the core client plus the WebSocket transport, as served in
 * {@code /rts/client.js}, must stay within 3 KB gzipped.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClientSizeTest {

    private static final String CORE = "dev/rts/core/client/rts-client.js";
    private static final String WS_TRANSPORT = "dev/rts/transport/undertow/ws-transport.js";
    private static final int GZIP_BUDGET_BYTES = 3072;
    private static final String AUTH_ADD_ON = "dev/rts/core/client/rts-auth.js";
    /** The sign-in add-on, bundled only by servers with an authenticator, has a budget of its own. */
    private static final int AUTH_GZIP_BUDGET_BYTES = 800;

    @Test
    void coreAndWebSocketTransportFitTheGzipBudget() throws IOException {
        byte[] raw = (read(CORE) + '\n' + read(WS_TRANSPORT) + '\n').getBytes(StandardCharsets.UTF_8);
        int gzipped = gzipBest(raw).length;

        System.out.println("RTS browser client (core + ws transport): " + raw.length + " bytes raw, " + gzipped
                + " bytes gzip");
        assertThat(gzipped)
                .as("gzipped size in bytes of %s + %s; the budget is %d bytes", CORE, WS_TRANSPORT, GZIP_BUDGET_BYTES)
                .isLessThanOrEqualTo(GZIP_BUDGET_BYTES);
    }

    @Test
    void signInAddOnFitsItsOwnGzipBudget() throws IOException {
        int gzipped = gzipBest(read(AUTH_ADD_ON).getBytes(StandardCharsets.UTF_8)).length;
        System.out.println("RTS sign-in add-on: " + gzipped + " bytes gzip");
        assertThat(gzipped).as("gzipped size in bytes of %s", AUTH_ADD_ON).isLessThanOrEqualTo(AUTH_GZIP_BUDGET_BYTES);
    }

    @Test
    void clientScriptsUseNoModuleSyntaxSoTheyAlsoRunAsClassicScripts() throws IOException {
        for (String resource : new String[] {CORE, WS_TRANSPORT, AUTH_ADD_ON}) {
            assertThat(read(resource).lines())
                    .as("top-level import/export statements in %s", resource)
                    .noneMatch(line -> line.startsWith("export ") || line.startsWith("import "));
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ClientSizeTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("resource %s on the test class path", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] gzipBest(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
