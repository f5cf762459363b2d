package dev.rts.testkit;

import dev.rts.api.ConnectionEvent;
import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A JSON + callbacks + sessions service for the testkit's own tests. Its API records disconnects.
 */
final class EchoService implements Service {

    /** The server-side API: what the test reads. */
    static final class Events {
        final BlockingQueue<ConnectionEvent> disconnects = new LinkedBlockingQueue<>();
        ServiceContext context;
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Set<Feature> features() {
        return Set.of(Feature.JSON, Feature.CALLBACKS, Feature.SESSIONS);
    }

    @Override
    public Object start(ServiceContext ctx) {
        Events events = new Events();
        events.context = ctx;
        ctx.onDisconnect(events.disconnects::add);
        ctx.onMessage((message, request, reply) -> {
            Map<?, ?> body = message.decode(Map.class);
            if (body.containsKey("shout")) {
                ctx.broadcast(Map.of("shout", body.get("shout")));
            }
            if (body.containsKey("fail")) {
                throw new IllegalArgumentException("Cannot echo " + body.get("fail"));
            }
            // In this order on the wire: tests compare the answer's text.
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("echo", body);
            answer.put("user", request.session().userId().orElse("nobody"));
            reply.send(answer);
        });
        return events;
    }
}
