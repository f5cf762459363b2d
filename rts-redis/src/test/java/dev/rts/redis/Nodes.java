package dev.rts.redis;

import java.util.HashMap;
import java.util.Map;

/** Requests to {@link ClusterNode.Control} shared by the cluster tests. */
final class Nodes {

    private Nodes() {
    }

    /** Publishes {@code news} with one text argument from the node: to all, a channel or a user. */
    static Map<String, Object> publish(String to, String name, String text) {
        Map<String, Object> publish = new HashMap<>();
        publish.put("to", to);
        publish.put("name", name);
        publish.put("text", text);
        return Map.of("publish", publish);
    }

    /** How many sockets on the publishing node a publish reached. */
    static int reached(Map<?, ?> answer) {
        return ((Number) answer.get("reached")).intValue();
    }
}
