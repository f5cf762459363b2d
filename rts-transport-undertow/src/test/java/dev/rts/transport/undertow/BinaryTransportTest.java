package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.core.RtsServer;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Binary frames over a real loopback WebSocket: both directions, the frame size limit and the outbound byte bound.
 */
@Timeout(30)
class BinaryTransportTest {

    /**
     * Callbacks and bytes: answers a binary message with its bytes reversed, a text message with its text; the text
     * {@code push} broadcasts the bytes {@code ca fe}.
     */
    static final class Mirror implements Service {
        ServiceContext context;

        @Override
        public String name() {
            return "mirror";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.CALLBACKS, Feature.BINARY);
        }

        @Override
        public Object start(ServiceContext ctx) {
            this.context = ctx;
            ctx.onMessage((message, request, reply) -> {
                if (message.isBinary()) {
                    byte[] bytes = message.bytes();
                    byte[] reversed = new byte[bytes.length];
                    for (int i = 0; i < bytes.length; i++) {
                        reversed[i] = bytes[bytes.length - 1 - i];
                    }
                    reply.sendBytes(ByteBuffer.wrap(reversed));
                } else if (message.text().equals("push")) {
                    ctx.broadcastBytes(ByteBuffer.wrap(new byte[] {(byte) 0xca, (byte) 0xfe}));
                } else {
                    reply.send("text " + message.text());
                }
            });
            return null;
        }
    }

    private final Mirror mirror = new Mirror();
    private RtsServer server;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        server = RtsServer.builder()
                .discoverServices(false)
                .host("127.0.0.1")
                .port(0)
                .maxFrameSize(4096)
                .maxQueuedBytes(256 * 1024)
                .service(mirror)
                .service(new TestServices.Shout())
                .build();
        server.start();
    }

    @AfterEach
    void stop() {
        sockets.forEach(TestSocket::abort);
        server.stop();
    }

    private TestSocket connected() {
        TestSocket socket = TestSocket.connected(server.port());
        sockets.add(socket);
        return socket;
    }

    private static byte[] frame(String header, byte[] payload) {
        byte[] ascii = header.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(ascii, ascii.length + payload.length);
        System.arraycopy(payload, 0, all, ascii.length, payload.length);
        return all;
    }

    @Test
    void binaryFramesGoBothWaysInterleavedWithText() {
        TestSocket socket = connected();
        byte[] payload = new byte[4000];
        ThreadLocalRandom.current().nextBytes(payload);
        byte[] reversed = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            reversed[i] = payload[payload.length - 1 - i];
        }

        socket.sendBinary(frame("1|1|", payload));
        socket.send("1|2|hello");
        socket.sendBinary(frame("1|3|", new byte[] {0, '|', (byte) 0xff}));

        assertThat(socket.nextBinary()).isEqualTo(frame("1|1|", reversed));
        assertThat(socket.next()).isEqualTo("1|2|text hello");
        assertThat(socket.nextBinary()).isEqualTo(frame("1|3|", new byte[] {(byte) 0xff, '|', 0}));
    }

    @Test
    void aBinaryFrameForATextOnlyServiceGetsAnErrorFrameAndTheSocketStaysUsable() {
        TestSocket socket = connected();

        socket.sendBinary(frame("2|", new byte[] {1, 2, 3}));
        assertThat(socket.next()).isEqualTo("0||{\"type\":\"error\",\"message\":\"Service 'shout' does not accept "
                + "binary frames; send it text frames (received 5 bytes)\",\"service\":\"shout\",\"serviceId\":2}");

        socket.send("2|still here");
        assertThat(socket.next()).isEqualTo("2|STILL HERE");
    }

    @Test
    void aBinaryFrameOverTheLimitClosesOnlyThatConnectionWith1009() {
        TestSocket big = connected();
        TestSocket other = connected();

        big.sendBinary(frame("1||", new byte[4096]));

        assertThat(big.awaitClose()).isEqualTo(1009);
        assertThat(big.awaitCloseReason()).as("RTS's words, not Undertow's").isEqualTo("Message too big (limit 4096 bytes)");
        other.sendBinary(frame("1|1|", new byte[] {1, 2}));
        assertThat(other.nextBinary()).isEqualTo(frame("1|1|", new byte[] {2, 1}));
    }

    @Test
    void theBrowserClientSendsTypedArraysArrayBuffersAndBlobsAndReceivesArrayBuffers() throws Exception {
        List<String> node = NodeScript.nodeWithWebSocket();
        assumeThat(node).as("Node with WebSocket support on the PATH").isNotNull();

        String result = NodeScript.run(node, "binary-client.mjs", server.port());

        assertThat(result).isEqualTo("RESULT {\"answers\":["
                + "[\"ArrayBuffer\",3,2,1],"
                + "\"text hi\","
                + "[\"ArrayBuffer\",9,255,124,0],"
                + "[\"ArrayBuffer\",8,7],"
                + "[\"ArrayBuffer\",7,6]],"
                + "\"push\":[\"ArrayBuffer\",202,254]}");
    }

    @Test
    void binaryFramesCountTowardsTheOutboundByteBound() throws IOException {
        try (RawWebSocket stalled = new RawWebSocket(server.port(), 5_000)) {
            stalled.sendText("0|1|{\"c\":\"connect\",\"v\":\"test\",\"sessionId\":false}".getBytes(
                    StandardCharsets.UTF_8));
            assertThat(stalled.read().text()).startsWith("0|1|{\"version\":");
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);

            // The stalled socket reads nothing: the kernel's buffers fill, then the server's queue, then it is dropped.
            int sent = 0;
            while (sent < 2_000 && mirror.context.broadcastBytes(chunk) == 1) {
                sent++;
            }

            assertThat(sent).as("frames of 64 KiB queued before the socket was dropped").isLessThan(2_000);
            assertThat(drainUntilDropped(stalled)).isTrue();
        }
    }

    /** Reads what the kernel still holds; true once the server has dropped the socket. */
    private static boolean drainUntilDropped(RawWebSocket socket) throws IOException {
        try {
            while (true) {
                if (socket.read().opcode() == 0x8) {
                    return true;
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
