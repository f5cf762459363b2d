package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.ReceivedMessage;
import dev.rts.testkit.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the browser half does, done by hand from {@link TestClient}s, and a recording listener. */
final class Peers {

    private Peers() {
    }

    /** Sends a request with {@code "r":"t"} added and returns the answer, skipping pushes that come first. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> request(TestClient client, String body) {
        client.send("presence", body.substring(0, body.length() - 1) + ",\"r\":\"t\"}");
        while (true) {
            Map<String, Object> message = (Map<String, Object>) client.nextMessage("presence").json();
            if ("t".equals(message.get("r"))) {
                return message;
            }
        }
    }

    /** Sends a request that must succeed. */
    static Map<String, Object> ok(TestClient client, String body) {
        Map<String, Object> answer = request(client, body);
        assertThat(answer).as("answer to %s", body).containsEntry("ok", true);
        return answer;
    }

    /** Starts watching and returns the sync (or count) that comes before the answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> watch(TestClient client, String topic, boolean countOnly) {
        client.send("presence", "{\"watch\":\"" + topic + "\"" + (countOnly ? ",\"count\":true" : "") + ",\"r\":\"w\"}");
        Map<String, Object> first = (Map<String, Object>) client.nextMessage("presence").json();
        assertThat((Map<String, Object>) client.nextMessage("presence").json()).containsEntry("r", "w")
                .containsEntry("ok", true);
        return first;
    }

    /** The next push, decoded. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> next(TestClient client) {
        ReceivedMessage message = client.nextMessage("presence");
        return (Map<String, Object>) message.json();
    }

    /** Records listener calls as {@code "join topic key"} and {@code "leave topic key"}. */
    static final class Recording implements PresenceListener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void joined(String topic, String key, List<Map<String, Object>> metas) {
            events.add("join " + topic + " " + key);
        }

        @Override
        public void left(String topic, String key) {
            events.add("leave " + topic + " " + key);
        }

        String next(Duration timeout) throws InterruptedException {
            String event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("a presence event within %s", timeout).isNotNull();
            return event;
        }

        void assertNoneWithin(Duration window) throws InterruptedException {
            assertThat(events.poll(window.toMillis(), TimeUnit.MILLISECONDS)).as("no presence event").isNull();
        }
    }
}
