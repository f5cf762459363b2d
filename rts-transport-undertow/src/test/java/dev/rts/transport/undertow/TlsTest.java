package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rts.core.RtsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS and WSS straight from RTS, with a self-signed key store made by the JDK's keytool for the test. */
@Timeout(60)
class TlsTest {

    private static final String PASSWORD = "test-only";

    @TempDir
    static Path dir;
    private static Path keyStore;
    private RtsServer server;

    @BeforeAll
    static void makeKeyStore() throws Exception {
        keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "rts", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as("keytool: %s", output).isZero();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static SSLContext trusting(Path store) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void aWebSocketOverTlsConnectsAndEchoesAndTheClientScriptIsServedOverHttps() throws Exception {
        server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0).tlsKeyStore(keyStore, PASSWORD)
                .service(new TestServices.Echo()).build();
        server.start();
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(keyStore))
                .connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> script = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + server.port() + "/rts/client.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);

        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = client.newWebSocketBuilder().header("Origin", "https://localhost:" + server.port())
                .buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("0|1|{\"c\":\"connect\",\"sessionId\":false}", true).get(10, TimeUnit.SECONDS);
        assertThat(frames.poll(10, TimeUnit.SECONDS)).startsWith("0|1|{\"version\":");
        socket.sendText("1|2|\"over tls\"", true).get(10, TimeUnit.SECONDS);
        assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo("1|2|{\"echo\":\"over tls\"}");
        socket.abort();
    }

    @Test
    void aPlainHttpOriginIsRefusedByATlsServerInDevelopment() throws Exception {
        server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0).tlsKeyStore(keyStore, PASSWORD)
                .build();
        server.start();
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(keyStore)).build();

        CompletableFuture<WebSocket> refused = client.newWebSocketBuilder()
                .header("Origin", "http://localhost:" + server.port())
                .buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/"), new WebSocket.Listener() { });

        Throwable failure = catchThrowable(() -> refused.get(10, TimeUnit.SECONDS));
        assertThat(failure).hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode()).isEqualTo(403);
    }

    @Test
    void aWrongKeyStorePasswordIsRefusedWhenSetNamingTheProperty() {
        assertThat(catchThrowable(() -> RtsServer.builder().tlsKeyStore(keyStore, "wrong")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tlsKeyStore '" + keyStore + "' cannot be used: ");
    }
}
