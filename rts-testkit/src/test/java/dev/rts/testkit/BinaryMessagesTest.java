package dev.rts.testkit;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class BinaryMessagesTest {

    /** Bytes are answered with their length as JSON and shared with everyone; text is answered with its bytes. */
    static final class Share implements Service {
        @Override
        public String name() {
            return "share";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.JSON, Feature.CALLBACKS, Feature.BINARY);
        }

        @Override
        public Object start(ServiceContext ctx) {
            ctx.onMessage((message, request, reply) -> {
                if (message.isBinary()) {
                    reply.send(Map.of("size", message.buffer().remaining()));
                    ctx.broadcastBytes(message.buffer());
                } else {
                    reply.sendBytes(ByteBuffer.wrap(message.decode(String.class).getBytes()));
                }
            });
            return null;
        }
    }

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest(name = "real WebSocket: {0}")
    @ValueSource(booleans = {false, true})
    void bytesGoToTheServiceAndToEveryClient(boolean realWebSocket) {
        server = TestServer.builder().service(new Share()).realWebSocket(realWebSocket).start();
        TestClient alice = server.client();
        TestClient bob = server.client();
        byte[] picture = {(byte) 0x89, 'P', 'N', 'G', 0, '|', (byte) 0xff};

        assertThat(alice.callBytes("share", picture)).isText().hasJson("{\"size\":7}");

        assertThat(alice.nextMessage("share")).isFrom("share").isBinary().hasBytes(picture);
        assertThat(bob.nextMessage("share")).isBinary().hasBytes(picture);
        alice.assertNoMoreMessages();
        bob.assertNoMoreMessages();
    }

    @Test
    void textAndBinaryInterleaveOnOneClient() {
        server = TestServer.start(new Share());
        TestClient client = server.client();

        client.sendBytes("share", new byte[] {1});
        assertThat(client.call("share", "ab")).isBinary().hasBytes(new byte[] {'a', 'b'});
        client.sendBytes("share", new byte[] {2});

        assertThat(client.nextMessage("share")).hasJson("{\"size\":1}");
        assertThat(client.nextMessage("share")).hasBytes(new byte[] {1});
        assertThat(client.nextMessage("share")).hasJson("{\"size\":1}");
        assertThat(client.nextMessage("share")).hasBytes(new byte[] {2});
        client.assertNoMoreMessages();
    }

    @Test
    void assertionsOnBinaryMessagesSayWhatDiffers() {
        ReceivedMessage binary = new ReceivedMessage("share", null, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        ReceivedMessage text = new ReceivedMessage("share", "hi");

        assertThatThrownBy(() -> assertThat(binary).hasBytes(new byte[] {1, 2, 4}))
                .hasMessage("Expected 3 bytes from 'share'%n  01 02 04%nbut got 3 bytes%n  01 02 03%n"
                        + "first difference at index 2", new Object[0]);
        assertThatThrownBy(() -> assertThat(binary).hasText("hi"))
                .hasMessage("Expected a text message from 'share' but got a binary one of 3 bytes: 01 02 03");
        assertThatThrownBy(() -> assertThat(text).hasBytes(new byte[] {'h', 'i'}))
                .hasMessage("Expected a binary message from 'share' but got text%n  hi", new Object[0]);
        assertThatThrownBy(binary::text).isInstanceOf(AssertionError.class)
                .hasMessage("Message from 'share' is binary (3 bytes); read it with bytes()");
        assertThat(text.bytes()).containsExactly('h', 'i');
        assertThat(binary).hasToString("share: 3 bytes");
    }
}
