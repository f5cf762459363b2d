package dev.rts.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The frame log is bounded, and once full its views refuse rather than answer from part of it. */
@Timeout(20)
class FrameLogTest {

    @Test
    void pastItsBoundTheLogKeepsNothingMoreAndItsViewsSaySo() {
        try (TestServer server = TestServer.start()) {
            TestClient client = server.client();
            FrameLog log = new FrameLog(2);
            assertThat(log.add(client, "0||{}")).isNotNull();
            assertThat(log.add(client, "0||{}")).isNotNull();
            assertThat(log.all()).hasSize(2);

            assertThat(log.add(client, "0||{}")).isNull();

            assertThatThrownBy(log::all).isInstanceOf(AssertionError.class)
                    .hasMessage("The server sent its test clients more than 2 frames; the testkit keeps only the "
                            + "first 2, so the frame views (sent(), frames(), nextFrame()) are incomplete. Read "
                            + "messages with nextMessage() in tests that send this many");
        }
    }
}

