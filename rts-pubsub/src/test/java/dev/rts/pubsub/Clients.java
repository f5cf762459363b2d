package dev.rts.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.ReceivedMessage;
import dev.rts.testkit.TestClient;
import java.util.List;
import java.util.Map;

/**
 * What the browser half does, done by hand from a {@link TestClient}: pub/sub requests with a request id.
 */
final class Clients {

    private Clients() {
    }

    /** Sends a request object with {@code "r":"t"} added and returns the answer. */
    static ReceivedMessage request(TestClient client, String body) {
        client.send("pubsub", body.substring(0, body.length() - 1) + ",\"r\":\"t\"}");
        return client.nextMessage("pubsub");
    }

    /**
     * Lists the client's channels through its own socket. As a side effect it waits until the server has run the
     * socket's connect listeners (they run right after the handshake answer, and a message from the socket is
     * handled after them), as after a reconnect.
     */
    static List<?> listThroughSocket(TestClient client) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) request(client, "{\"list\":true}").json();
        assertThat(answer).containsEntry("r", "t").containsEntry("ok", true);
        return (List<?>) answer.get("channels");
    }
}
