package dev.rts.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.core.RtsServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JDK WebSocket transport reports a socket it had to give up on, so the client neither hangs nor lies. */
@Timeout(30)
class JdkTransportFailureTest {

    private RtsServer server;
    private RtsClient client;
    private final BlockingQueue<ClientStatus> statuses = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        server = EchoServer.start(0);
        client = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + server.port() + "/")).reconnect(false)
                .build();
        client.connect().get(5, TimeUnit.SECONDS);
        client.onStatus(statuses::add);
    }

    @AfterEach
    void stop() {
        client.disconnect();
        server.stop();
    }

    @Test
    void aFrameTheSocketCannotSendClosesTheClientAndFailsTheCall() throws Exception {
        // A lone surrogate (half an emoji) is not valid UTF-8: the JDK socket fails the send and is aborted.
        CompletableFuture<ClientMessage> call = client.service("echo").call(Map.of("text", "cut \uD83D"));

        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RtsErrorException.class)
                .hasMessageStartingWith("Connection closed before a reply (code 1006");
        assertThat(statuses.poll(5, TimeUnit.SECONDS)).isEqualTo(ClientStatus.CLOSED);
        assertThat(client.isReady()).isFalse();
        assertThat(client.service("echo").send(Map.of("x", 1))).isFalse();
    }

    @Test
    void disconnectWhileTheSocketOpensClosesItOnceOpen() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RtsClient early = RtsClient.builder()
                    .uri(URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/")).reconnect(false).build();
            CompletableFuture<Void> connecting = early.connect();
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(5000);
                String key = readUpgradeKey(socket.getInputStream());
                early.disconnect();
                assertThatThrownBy(() -> connecting.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(RtsErrorException.class);

                // The upgrade completes only now, after the app gave the client up: it must not keep the socket.
                accept(socket.getOutputStream(), key);
                int first = socket.getInputStream().read();
                assertThat(first == -1 || (first & 0x0F) == 0x8).as("a close frame or end of stream, got " + first)
                        .isTrue();
            }
        }
    }

    @Test
    void sendsToAServerThatStopsReadingAreRefusedOnceTheBufferIsFull() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var transport = new dev.rts.client.internal.JdkWebSocketTransport(
                    URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/"));
            CompletableFuture<Void> opened = new CompletableFuture<>();
            transport.open(new ClientTransport.Listener() {
                @Override
                public void onOpen() {
                    opened.complete(null);
                }

                @Override
                public void onText(String frame) {
                }

                @Override
                public void onClose(int code, String reason) {
                    opened.completeExceptionally(new AssertionError("closed: " + code + " " + reason));
                }
            });
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(5000);
                accept(socket.getOutputStream(), readUpgradeKey(socket.getInputStream()));
                opened.get(5, TimeUnit.SECONDS);
                // The server never reads again: kernel buffers fill, then the transport's own bound refuses.
                String megabyte = "x".repeat(1024 * 1024);
                int accepted = 0;
                while (transport.send(megabyte)) {
                    accepted++;
                    assertThat(accepted).as("frames accepted before a refusal").isLessThan(64);
                }
                assertThat(accepted).isGreaterThanOrEqualTo(8);
                transport.close();
            }
        }
    }

    private static String readUpgradeKey(InputStream in) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        String key = null;
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                key = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        assertThat(key).as("Sec-WebSocket-Key").isNotNull();
        return key;
    }

    private static void accept(OutputStream out, String key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(digest) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
