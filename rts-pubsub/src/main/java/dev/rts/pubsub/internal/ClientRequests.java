package dev.rts.pubsub.internal;

import dev.rts.api.Json;
import dev.rts.api.Message;
import dev.rts.api.MessageHandler;
import dev.rts.api.Reply;
import dev.rts.api.Request;
import dev.rts.api.Session;
import dev.rts.pubsub.SubscriptionAuthorizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * Requests from browsers about their own session's channels: {@code {"sub":"room1","r":1}},
 * {@code {"unsub":"room1","r":2}} and {@code {"list":true,"r":3}}. Each is answered with the same {@code r}:
 * {@code {"r":1,"ok":true}} (plus {@code "channels":[...]} for list) or {@code {"r":1,"error":"..."}}.
 *
 * <p>The service does not use callbacks, so that its pushes keep the reference's {@code <id>|{"e":...}} frame shape;
 * the request id travels inside the JSON instead.
 */
final class ClientRequests implements MessageHandler {

    private final DefaultPubSub pubsub;
    private final SubscriptionAuthorizer authorizer;
    private final Json json;
    private final Logger log;

    ClientRequests(DefaultPubSub pubsub, SubscriptionAuthorizer authorizer, Json json, Logger log) {
        this.pubsub = pubsub;
        this.authorizer = authorizer;
        this.json = json;
        this.log = log;
    }

    @Override
    public void handle(Message message, Request request, Reply reply) {
        Map<?, ?> body;
        try {
            body = message.decode(Map.class);
        } catch (IllegalArgumentException e) {
            body = null;
        }
        if (body == null) {
            answer(reply, null, Map.of("error", "Pub/sub requests are JSON objects such as {\"sub\":\"room1\",\"r\":1}"
                    + " but got " + Names.quote(message.text())));
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
        String sessionId = request.sessionId().orElseThrow();
        if (body.containsKey("sub")) {
            String channel = channel(body.get("sub"));
            if (!allowed(request, channel, true)) {
                return Map.of("error", "Not allowed to subscribe to channel '" + channel + "': the server's "
                        + "SubscriptionAuthorizer refused it (by default only server code subscribes sessions)");
            }
            pubsub.channels(sessionId).subscribe(channel);
            return Map.of("ok", true);
        }
        if (body.containsKey("unsub")) {
            String channel = channel(body.get("unsub"));
            if (!allowed(request, channel, false)) {
                return Map.of("error", "Not allowed to unsubscribe from channel '" + channel + "': the server's "
                        + "SubscriptionAuthorizer refused it");
            }
            pubsub.channels(sessionId).unsubscribe(channel);
            return Map.of("ok", true);
        }
        if (body.containsKey("list")) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("ok", true);
            answer.put("channels", pubsub.channels(sessionId).list());
            return answer;
        }
        Set<String> keys = new TreeSet<>();
        body.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return Map.of("error", "Unknown pub/sub request: expected a 'sub', 'unsub' or 'list' key but got " + keys);
    }

    private static String channel(Object name) {
        if (!(name instanceof String channel)) {
            throw new IllegalArgumentException("Channel name must be a string but was " + Json.kindOf(name));
        }
        return Names.channel(channel);
    }

    private boolean allowed(Request request, String channel, boolean subscribe) {
        Session session = request.session();
        try {
            return subscribe ? authorizer.maySubscribe(session, channel) : authorizer.mayUnsubscribe(session, channel);
        } catch (RuntimeException e) {
            log.error("SubscriptionAuthorizer failed on {} channel '{}' for socket {}; the request is refused",
                    subscribe ? "subscribing to" : "unsubscribing from", channel, request.socketId(), e);
            return false;
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
