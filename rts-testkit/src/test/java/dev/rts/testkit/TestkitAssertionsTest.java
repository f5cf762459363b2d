package dev.rts.testkit;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Discovery by default, raw frames, what the server sent to whom, JSON paths and the barrier "no more messages". */
@Timeout(30)
class TestkitAssertionsTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void servicesOnTheClassPathAreDiscoveredByDefault() {
        server = TestServer.builder().start();

        assertThat(server.api().names()).contains("tally");
        assertThat(server.api().get("tally", AtomicLong.class)).hasValue(0);
        assertThat(server.client().call("tally", Map.of("inc", 2))).json().path("count").isEqualTo(2);
    }

    @Test
    void discoveryCanBeTurnedOff() {
        server = TestServer.builder().discoverServices(false).service(new EchoService()).start();

        assertThat(server.api().names()).containsExactly("echo");
    }

    @Test
    void aMalformedRawFrameIsAnsweredWithAnErrorFrame() {
        server = TestServer.start();
        TestClient client = server.client();
        int id = client.serviceId("tally");

        client.sendFrame(id + "|7|{not json");

        assertThat(client.nextError()).isEqualTo("Malformed JSON at line 1 column 3; names and strings take double "
                + "quotes, and comments, trailing commas, NaN and Infinity are not JSON");
        client.sendFrame("nonsense");
        assertThat(client.nextError()).isEqualTo("Malformed frame: expected '<serviceId>|<payload>' but found no "
                + "'|' in 'nonsense'");
        client.sendFrame((id + "|8|ab").getBytes(StandardCharsets.US_ASCII));
        assertThat(client.nextError()).startsWith("Service 'tally' does not accept binary frames; send it text "
                + "frames (received ");
        client.assertNoMoreMessages();
        assertThat(client.frames()).extracting(SentFrame::service).containsSubsequence("_system", "_system",
                "_system");
    }

    @Test
    void aRawFrameReachesTheServiceAndItsAnswerIsRecordedAsSent() {
        server = TestServer.start();
        TestClient client = server.client();
        int id = client.serviceId("tally");

        client.sendFrame(id + "|41|{\"inc\":5}");
        client.sync();

        List<SentFrame> frames = server.sent("tally");
        assertThat(frames).extracting(SentFrame::frame)
                .containsExactly(id + "|41|{\"count\":5}", id + "||{\"count\":5}");
        assertThat(frames.get(0).message()).json().isEqualToJson("{\"count\": 5}");
        assertThat(frames).allMatch(frame -> frame.isTo(client));
    }

    @Test
    void aBroadcastIsSeenAsSentToEveryClient() {
        server = TestServer.start();
        TestClient alice = server.client();
        TestClient bob = server.client();
        TestClient carol = server.client();

        alice.call("tally", Map.of("inc", 1));
        server.sync();

        assertThat(server.sent("tally")).filteredOn(frame -> frame.frame().contains("||"))
                .extracting(SentFrame::to).containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(server.sent("tally")).filteredOn(frame -> frame.isTo(bob)).singleElement()
                .satisfies(frame -> assertThat(frame.message()).json().path("count").isEqualTo(1));
        assertThat(bob.nextMessage("tally")).json().isEqualTo(Map.of("count", 1));
        assertThatThrownBy(server::assertNoMoreMessages).hasMessageContaining("tally: {\"count\":1}");
    }

    @Test
    void noMoreMessagesCatchesAFrameTheServerWasAboutToSend() {
        server = TestServer.start();
        TestClient client = server.client();

        client.send("tally", Map.of("late", true));

        // Without the round trip this check ran before the server handled the message and passed.
        assertThatThrownBy(client::assertNoMoreMessages).isInstanceOf(AssertionError.class)
                .hasMessage("Expected no more messages but these were not read: [tally: {\"count\":0}]");
    }

    @Test
    void noMoreMessagesAfterADisconnectNeedsNoRoundTrip() {
        server = TestServer.start();
        TestClient client = server.client();
        client.disconnect();

        client.assertNoMoreMessages();
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void jsonPathsCompareByValue() {
        server = TestServer.start();
        ReceivedMessage message = new ReceivedMessage("shop",
                "{\"count\":3,\"price\":2.50,\"items\":[{\"id\":\"a\",\"tags\":[\"x\",\"new\"]}],\"gone\":null}");

        assertThat(message).json().path("count").isEqualTo(3).isEqualTo(3L).isEqualTo(3.0);
        assertThat(message).json().path("price").isEqualTo(2.5);
        assertThat(message).json().path("items[0].tags[1]").isEqualTo("new");
        assertThat(message).json().path("items[0]").isEqualTo(Map.of("id", "a", "tags", List.of("x", "new")));
        assertThat(message).json().path("gone").isNull();
        assertThat(message).json().doesNotHavePath("items[1]").doesNotHavePath("missing");
        assertThatThrownBy(() -> assertThat(message).json().path("items[0].name"))
                .hasMessage("Expected an object with a field 'name' at $.items[0] but found "
                        + "{\"id\":\"a\",\"tags\":[\"x\",\"new\"]}");
        assertThatThrownBy(() -> assertThat(message).json().path("count").isEqualTo(4))
                .hasMessageContainingAll("Expected JSON at $.count to be", "4", "but was", "3");
        assertThatThrownBy(() -> assertThat(new ReceivedMessage("shop", "not json")).json())
                .hasMessageContaining("Expected JSON from 'shop' but got");
    }

    @Test
    void aClientOfAServerStartedElsewhereReadsTheWireFrameByFrame() {
        server = TestServer.builder().realWebSocket(true).start();
        try (TestClient client = TestClient.connect(URI.create("ws://127.0.0.1:" + server.rtsServer().port() + "/"),
                Duration.ofSeconds(10))) {
            int id = client.serviceId("tally");

            client.sendFrame(id + "|3|{\"inc\":4}");

            assertThat(client.nextFrame().frame()).isEqualTo(id + "|3|{\"count\":4}");
            assertThat(client.nextFrame()).satisfies(push -> {
                assertThat(push.service()).isEqualTo("tally");
                assertThat(push.frame()).isEqualTo(id + "||{\"count\":4}");
            });
            client.assertNoMoreFrames();
            client.sendFrame(id + "|4|{\"inc\":1}");
            assertThatThrownBy(client::assertNoMoreFrames)
                    .hasMessage("Expected no more frames but these were not read: [" + id + "|4|{\"count\":5}, "
                            + id + "||{\"count\":5}]");
        }
    }
}
