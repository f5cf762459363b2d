package dev.rts.example;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SketchServiceTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1, 2, (byte) 0xff};

    private final TestServer server = TestServer.start(new SketchService());

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aSketchReachesEveryOtherPageAsTheSameBytesAndTheSenderLearnsHowMany() {
        TestClient ann = server.client();
        TestClient bob = server.client();
        TestClient carol = server.client();

        assertThat(ann.callBytes("sketch", PNG)).hasJson("{\"sharedWith\":2}");

        assertThat(bob.nextMessage("sketch")).hasBytes(PNG);
        assertThat(carol.nextMessage("sketch")).hasBytes(PNG);
        ann.assertNoMessageWithin("sketch", Duration.ofMillis(100));
    }

    @Test
    void textAndBytesThatAreNotAPngAreRefused() {
        TestClient ann = server.client();

        assertThat(ann.callError("sketch", "hello"))
                .isEqualTo("Share a sketch as the bytes of a PNG image, not as text");
        assertThatThrownBy(() -> ann.callBytes("sketch", new byte[] {'G', 'I', 'F', '8', '9', 'a', 0, 0, 0}))
                .hasMessage("Service 'sketch' answered with an error: A sketch must be a PNG image, but these 9 bytes "
                        + "do not start with the PNG signature");
        ann.assertNoMoreMessages();
    }
}
