package dev.rts.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.client.BytesService;
import dev.rts.client.ClientMessage;
import dev.rts.client.RtsErrorException;
import dev.rts.core.RtsServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JDK transport bounds what it accumulates of one inbound message. */
@Timeout(30)
class JdkTransportBoundTest {

    @Test
    void aBinaryMessageOverTheBoundClosesTheConnectionWith1009() throws Exception {
        RtsServer server = BytesService.startServer();
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
        DefaultRtsClient client = new DefaultRtsClient(() -> new JdkWebSocketTransport(uri, 1000), null, false,
                Duration.ofMillis(10), Duration.ofMillis(10));
        try {
            client.connect().get(5, TimeUnit.SECONDS);
            ClientMessage small = client.service("bytes").callBytes(ByteBuffer.allocate(996)).get(5, TimeUnit.SECONDS);
            assertThat(small.bytes()).as("996 bytes after the header '1|1|' make 1000").hasSize(996);

            CompletableFuture<ClientMessage> big = client.service("bytes").callBytes(ByteBuffer.allocate(997));

            assertThatThrownBy(() -> big.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RtsErrorException.class)
                    .hasMessage("Connection closed before a reply (code 1009, Message from the server too big (limit "
                            + "1000))");
            assertThat(client.isReady()).isFalse();
        } finally {
            client.disconnect();
            server.stop();
        }
    }
}
