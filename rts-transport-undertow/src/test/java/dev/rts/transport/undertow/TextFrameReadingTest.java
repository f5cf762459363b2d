package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.core.RtsServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Text messages are read on the I/O thread through a scratch space shared by that thread's sockets: whatever their
 * size and characters, each arrives whole and unmixed with another socket's.
 */
@Timeout(30)
class TextFrameReadingTest {

    private RtsServer server;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0)
                .service(new TestServices.Echo()).build();
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

    @Test
    void nonAsciiTextArrivesIntact() {
        TestSocket socket = connected();
        socket.send("1|1|\"caf\u00e9 \u20ac \ud83d\ude00\"");
        assertThat(socket.next()).isEqualTo("1|1|{\"echo\":\"caf\u00e9 \u20ac \ud83d\ude00\"}");
    }

    @Test
    void messagesLargerThanTheScratchSpaceArriveWholeBetweenSmallOnes() {
        TestSocket big = connected();
        TestSocket small = connected();
        String payload = "x\u00e9\ud83d\ude00".repeat(8_000);
        big.send("1|1|\"" + payload + "\"");
        small.send("1|2|\"small\"");
        big.send("1|3|\"after\"");
        assertThat(big.next()).isEqualTo("1|1|{\"echo\":\"" + payload + "\"}");
        assertThat(big.next()).isEqualTo("1|3|{\"echo\":\"after\"}");
        assertThat(small.next()).isEqualTo("1|2|{\"echo\":\"small\"}");
    }
}
