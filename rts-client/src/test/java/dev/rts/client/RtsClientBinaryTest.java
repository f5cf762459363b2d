package dev.rts.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.core.RtsServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bytes between the JVM client and a real server over a loopback WebSocket. */
@Timeout(30)
class RtsClientBinaryTest {

    private RtsServer server;
    private RtsClient client;

    @BeforeEach
    void start() throws Exception {
        server = BytesService.startServer();
        client = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + server.port() + "/")).build();
        client.connect().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        client.disconnect();
        server.stop();
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    @Test
    void aBinaryCallGetsTheServersBytesBackInFull() throws Exception {
        // Close to the server's 64 KiB frame limit, so that the JDK socket delivers the answer in several parts.
        byte[] payload = new byte[60 * 1024];
        ThreadLocalRandom.current().nextBytes(payload);
        ByteBuffer buffer = ByteBuffer.wrap(payload);

        ClientMessage answer = client.service("bytes").callBytes(buffer).get(5, TimeUnit.SECONDS);

        assertThat(answer.isBinary()).isTrue();
        assertThat(answer.bytes()).isEqualTo(reversed(payload));
        assertThat(answer.buffer().isReadOnly()).isTrue();
        assertThat(buffer.position()).as("the caller's buffer is not consumed").isZero();
        assertThatThrownBy(answer::text).isInstanceOf(IllegalStateException.class)
                .hasMessage("The message from service 'bytes' is binary; read it with buffer() or bytes()");
    }

    @Test
    void bytesSentWithoutCallbackReachTheServiceAndATextCallGetsJson() throws Exception {
        assertThat(client.service("bytes").sendBytes(ByteBuffer.wrap(new byte[] {1, 2, 3}))).isTrue();

        // Frames of one socket are handled in order, so the text call sees the bytes sent before it.
        Map<?, ?> answer = client.service("bytes").call("size", Map.class).get(5, TimeUnit.SECONDS);

        assertThat(answer).isEqualTo(Map.of("size", 3L));
    }

    @Test
    void binaryPushesReachMessageListeners() throws Exception {
        BlockingQueue<ClientMessage> pushes = new LinkedBlockingQueue<>();
        client.service("bytes").onMessage(pushes::add);
        client.service("bytes").callBytes(ByteBuffer.wrap(new byte[] {9, 8})).get(5, TimeUnit.SECONDS);

        client.service("bytes").send("push");

        ClientMessage push = pushes.poll(5, TimeUnit.SECONDS);
        assertThat(push).isNotNull();
        assertThat(push.isBinary()).isTrue();
        assertThat(push.bytes()).containsExactly(9, 8);
    }

    @Test
    void bytesForAServiceWithoutBinaryAreRefusedBeforeSending() throws Exception {
        RtsServer textOnly = EchoServer.start(0);
        RtsClient other = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + textOnly.port() + "/")).build();
        try {
            other.connect().get(5, TimeUnit.SECONDS);

            assertThatThrownBy(() -> other.service("echo").sendBytes(ByteBuffer.allocate(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Service 'echo' does not take binary frames (its params do not say use.binary); send "
                            + "it text instead");
        } finally {
            other.disconnect();
            textOnly.stop();
        }
    }
}
