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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

        TestSocket socket = TestSocket.open(client, URI.create("wss://127.0.0.1:" + server.port() + "/"),
                Map.of("Origin", "https://localhost:" + server.port()));
        socket.send("0|1|{\"c\":\"connect\",\"sessionId\":false}");
        assertThat(socket.next()).startsWith("0|1|{\"version\":");
        socket.send("1|2|\"over tls\"");
        assertThat(socket.next()).isEqualTo("1|2|{\"echo\":\"over tls\"}");
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

    /** Writes PEM files from a key store's entry: the chain, and the key in PKCS#8 or, for RSA, PKCS#1. */
    private static Path[] pem(Path store, String name, boolean pkcs1) throws Exception {
        KeyStore keys = KeyStore.getInstance(store.toFile(), PASSWORD.toCharArray());
        java.security.Key key = keys.getKey("rts", PASSWORD.toCharArray());
        StringBuilder chain = new StringBuilder();
        for (java.security.cert.Certificate certificate : keys.getCertificateChain("rts")) {
            chain.append(block("CERTIFICATE", certificate.getEncoded()));
        }
        byte[] der = key.getEncoded();
        String keyPem = pkcs1 ? block("RSA PRIVATE KEY", pkcs1Of(der)) : block("PRIVATE KEY", der);
        Path certificates = dir.resolve(name + "-chain.pem");
        Path privateKey = dir.resolve(name + "-key.pem");
        java.nio.file.Files.writeString(certificates, chain);
        java.nio.file.Files.writeString(privateKey, "a comment openssl leaves\n" + keyPem);
        return new Path[] {certificates, privateKey};
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: the content of its last element, an octet string. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int at = 1;
        at += lengthBytes(pkcs8, at);
        at += 3; // INTEGER 0
        at += 2 + pkcs8[at + 1]; // the algorithm identifier, a short SEQUENCE
        assertThat(pkcs8[at]).as("OCTET STRING tag").isEqualTo((byte) 0x04);
        at += 1;
        int length = length(pkcs8, at);
        at += lengthBytes(pkcs8, at);
        return java.util.Arrays.copyOfRange(pkcs8, at, at + length);
    }

    private static int lengthBytes(byte[] der, int at) {
        return (der[at] & 0x80) == 0 ? 1 : 1 + (der[at] & 0x7f);
    }

    private static int length(byte[] der, int at) {
        if ((der[at] & 0x80) == 0) {
            return der[at];
        }
        int length = 0;
        for (int i = 1; i <= (der[at] & 0x7f); i++) {
            length = (length << 8) | (der[at + i] & 0xff);
        }
        return length;
    }

    private static Path rsaKeyStore() throws Exception {
        Path store = dir.resolve("rsa.p12");
        if (!java.nio.file.Files.exists(store)) {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "rts", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(keytool.exitValue()).as("keytool: %s", output).isZero();
        }
        return store;
    }

    private void assertServesHttps(Path trusted) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(trusted))
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> script = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + server.port() + "/rts/client.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
    }

    @Test
    void pemFilesWithAPkcs8EcKeyServeHttps() throws Exception {
        Path[] files = pem(keyStore, "ec", false);
        server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0).tlsPem(files[0], files[1])
                .build();
        server.start();

        assertServesHttps(keyStore);
    }

    @Test
    void pemFilesWithAPkcs1RsaKeyServeHttps() throws Exception {
        Path rsa = rsaKeyStore();
        Path[] files = pem(rsa, "rsa", true);
        assertThat(java.nio.file.Files.readString(files[1])).contains("-----BEGIN RSA PRIVATE KEY-----");
        server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0).tlsPem(files[0], files[1])
                .build();
        server.start();

        assertServesHttps(rsa);
    }

    @Test
    void unusablePemFilesAreRefusedWhenSetWithWhatToDo() throws Exception {
        Path[] ec = pem(keyStore, "ec", false);
        Path[] rsa = pem(rsaKeyStore(), "rsa", false);
        Path encrypted = dir.resolve("encrypted.pem");
        java.nio.file.Files.writeString(encrypted, block("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        Path sec1 = dir.resolve("sec1.pem");
        java.nio.file.Files.writeString(sec1, block("EC PRIVATE KEY", new byte[] {1, 2, 3}));

        assertThat(catchThrowable(() -> RtsServer.builder().tlsPem(ec[0], encrypted)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is encrypted; decrypt it with");
        assertThat(catchThrowable(() -> RtsServer.builder().tlsPem(ec[0], sec1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThat(catchThrowable(() -> RtsServer.builder().tlsPem(ec[0], rsa[1])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is an RSA key but the first certificate");
        assertThat(catchThrowable(() -> RtsServer.builder().tlsPem(ec[1], ec[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no certificate");
        assertThat(catchThrowable(() -> RtsServer.builder().tlsPem(ec[0], dir.resolve("missing.pem"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void aPemKeyOfAnotherCertificateIsRefusedWhenSetInsteadOfFailingEveryHandshake() throws Exception {
        Path[] ec = pem(keyStore, "ec", false);
        Path[] rsa = pem(rsaKeyStore(), "rsa", true);
        // Keys of the right kind that belong to other certificates: a renewed certificate with the old key, say.
        java.security.KeyPairGenerator ecKeys = java.security.KeyPairGenerator.getInstance("EC");
        ecKeys.initialize(256);
        Path otherEc = dir.resolve("other-ec-key.pem");
        java.nio.file.Files.writeString(otherEc, block("PRIVATE KEY", ecKeys.generateKeyPair().getPrivate()
                .getEncoded()));
        java.security.KeyPairGenerator rsaKeys = java.security.KeyPairGenerator.getInstance("RSA");
        rsaKeys.initialize(2048);
        Path otherRsa = dir.resolve("other-rsa-key.pem");
        java.nio.file.Files.writeString(otherRsa, block("PRIVATE KEY", rsaKeys.generateKeyPair().getPrivate()
                .getEncoded()));

        assertThat(catchThrowable(() -> RtsServer.builder().tlsPem(ec[0], otherEc)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS private key '" + otherEc + "' is not the key of the first certificate in '" + ec[0]
                        + "'; give the key that was made with that certificate");
        assertThat(catchThrowable(() -> RtsServer.builder().tlsPem(rsa[0], otherRsa)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not the key of the first certificate");
    }

    @Test
    void aWrongKeyStorePasswordIsRefusedWhenSetNamingTheProperty() {
        assertThat(catchThrowable(() -> RtsServer.builder().tlsKeyStore(keyStore, "wrong")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tlsKeyStore '" + keyStore + "' cannot be used: ");
    }
}
