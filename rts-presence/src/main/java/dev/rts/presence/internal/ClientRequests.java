package dev.rts.presence.internal;

import dev.rts.api.Json;
import dev.rts.api.Message;
import dev.rts.api.MessageHandler;
import dev.rts.api.Reply;
import dev.rts.api.Request;
import dev.rts.presence.PresenceAuthorizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * Requests from browsers: {@code join}, {@code update}, {@code leave}, {@code watch}, {@code unwatch}, each a JSON
 * object with its own request id {@code "r"}, answered {@code {"r":1,"ok":true,...}} or {@code {"r":1,"error":"..."}}
 * (see docs/PROTOCOL.md, "Presence").
 */
final class ClientRequests implements MessageHandler {

    private final DefaultPresence presence;
    private final PresenceAuthorizer authorizer;
    private final Json json;
    private final Logger log;

    ClientRequests(DefaultPresence presence, PresenceAuthorizer authorizer, Json json, Logger log) {
        this.presence = presence;
        this.authorizer = authorizer;
        this.json = json;
        this.log = log;
    }

    @Override
    public void handle(Message message, Request request, Reply reply) {
        Map<?, ?> body;
        try {
            body = message.decode(Map.class);
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            answer(reply, null, Map.of("error", "Presence requests are JSON objects such as "
                    + "{\"join\":\"room1\",\"meta\":{},\"r\":1} but got '" + Keys.shorten(message.text()) + "'"));
            return;
        }
        Object requestId = body.get("r");
        if (!(requestId instanceof Number || requestId instanceof String)) {
            requestId = null;
        }
        Map<String, Object> answer;
        try {
            answer = answer(body, request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            answer = Map.of("error", e.getMessage());
        }
        answer(reply, requestId, answer);
    }

    private Map<String, Object> answer(Map<?, ?> body, Request request) {
        String socketId = request.socketId();
        if (body.containsKey("join") || body.containsKey("update")) {
            boolean join = body.containsKey("join");
            String topic = topic(body.get(join ? "join" : "update"));
            checkAllowed(request, topic, true);
            Map<String, ?> meta = meta(body.get("meta"));
            String ref = join ? presence.join(socketId, topic, meta, false) : presence.update(socketId, topic, meta);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("ok", true);
            answer.put("ref", ref);
            return answer;
        }
        if (body.containsKey("leave")) {
            presence.leave(socketId, topic(body.get("leave")));
            return Map.of("ok", true);
        }
        if (body.containsKey("watch")) {
            String topic = topic(body.get("watch"));
            checkAllowed(request, topic, false);
            presence.watch(socketId, topic, Boolean.TRUE.equals(body.get("count")));
            return Map.of("ok", true);
        }
        if (body.containsKey("unwatch")) {
            presence.unwatch(socketId, topic(body.get("unwatch")));
            return Map.of("ok", true);
        }
        Set<String> keys = new TreeSet<>();
        body.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return Map.of("error", "Unknown presence request: expected a 'join', 'update', 'leave', 'watch' or "
                + "'unwatch' key but got " + keys);
    }

    private static String topic(Object value) {
        if (!(value instanceof String topic)) {
            throw new IllegalArgumentException("A presence topic must be a string but was "
                    + Json.kindOf(value));
        }
        DefaultPresence.checkTopic(topic);
        return topic;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> meta(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("A presence meta must be a JSON object but was " + Json.kindOf(value));
        }
        return (Map<String, ?>) map;
    }

    private void checkAllowed(Request request, String topic, boolean join) {
        boolean allowed;
        try {
            allowed = join ? authorizer.mayJoin(request.session(), topic)
                    : authorizer.mayWatch(request.session(), topic);
        } catch (RuntimeException e) {
            log.error("PresenceAuthorizer failed on {} topic '{}' for socket {}; the request is refused",
                    join ? "joining" : "watching", topic, request.socketId(), e);
            allowed = false;
        }
        if (!allowed) {
            throw new IllegalStateException("Not allowed to " + (join ? "join" : "watch") + " presence topic '"
                    + topic + "': the server's PresenceAuthorizer refused it");
        }
    }

    private void answer(Reply reply, Object requestId, Map<String, Object> answer) {
        Map<String, Object> message = new LinkedHashMap<>();
        if (requestId != null) {
            message.put("r", requestId);
        }
        message.putAll(answer);
        reply.send(json.encode(message));
    }
}
