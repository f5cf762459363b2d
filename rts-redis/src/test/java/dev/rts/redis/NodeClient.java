package dev.rts.redis;

import dev.rts.client.RtsClient;
import dev.rts.client.RtsClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (rts-client) of one {@link ClusterNode}, recording the pub/sub events it receives. */
final class NodeClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final RtsClient client;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private NodeClient(RtsClient client) {
        this.client = client;
        client.onMessage(message -> {
            if (message.service().equals("pubsub")) {
                events.add(message.text());
            }
        });
    }

    /** Connects to a node, presenting a session id if not null. */
    static NodeClient connect(NodeProcess node, String sessionId) throws Exception {
        RtsClientBuilder builder = RtsClient.builder().uri(node.uri()).reconnect(false);
        if (sessionId != null) {
            builder.sessionId(sessionId);
        }
        NodeClient client = new NodeClient(builder.build());
        client.client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    String sessionId() {
        return client.sessionId();
    }

    /** Sends a {@link ClusterNode.Control} request and returns its answer. */
    Map<?, ?> control(Map<String, ?> request) throws Exception {
        return client.service("control").call(request, Map.class).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Repeats a control request until its answer matches (the node applies another node's change soon after). */
    Map<?, ?> controlUntil(Map<String, ?> request, Predicate<Map<?, ?>> expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<?, ?> answer;
        do {
            answer = control(request);
            if (expected.test(answer)) {
                return answer;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Expected an answer matching the condition within " + WAIT + "; last: " + answer);
    }

    /** The next pub/sub event's payload text, or an AssertionError after {@link #WAIT}. */
    String nextEvent() throws InterruptedException {
        String event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("Expected a pub/sub event within " + WAIT + " but none came");
        }
        return event;
    }

    /** The events received so far and not taken. */
    List<String> pendingEvents() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
