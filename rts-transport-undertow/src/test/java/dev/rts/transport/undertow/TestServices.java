package dev.rts.transport.undertow;

import dev.rts.api.ConnectionEvent;
import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Small services for tests over real sockets, shared through this module's test jar: the transport's own tests and
 * rts-client's use the same echo (rts-testkit and the modules above it test through the testkit instead).
 */
public final class TestServices {

    private TestServices() {
    }

    /**
     * JSON + callbacks, named "echo": answers {@code {"echo": payload}}. {@code "sleep"} blocks for a second first;
     * {@code "fail"} or an object with {@code "fail"} throws ({@code Echo was told to fail}); an object with
     * {@code "broadcast": x} also sends {@code {"news": x}} to everyone; an object with {@code "never"} gets no answer;
     * an object with {@code "session"} gets the socket's session id too: {@code {"echo": payload, "session": id}}.
     * Records connects and disconnects.
     */
    public static final class Echo implements Service {
        final BlockingQueue<ConnectionEvent> disconnects = new LinkedBlockingQueue<>();
        final BlockingQueue<ConnectionEvent> connects = new LinkedBlockingQueue<>();
        ServiceContext context;

        /** Creates the service; it starts when mounted. */
        public Echo() {
        }

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.JSON, Feature.CALLBACKS);
        }

        @Override
        public Object start(ServiceContext ctx) {
            this.context = ctx;
            ctx.onConnect(connects::add);
            ctx.onDisconnect(disconnects::add);
            ctx.onMessage((message, request, reply) -> {
                Object value = message.decode(Object.class);
                if ("sleep".equals(value)) {
                    Thread.sleep(1000);
                }
                Map<?, ?> body = value instanceof Map<?, ?> map ? map : Map.of();
                if ("fail".equals(value) || body.containsKey("fail")) {
                    throw new IllegalStateException("Echo was told to fail");
                }
                if (body.containsKey("broadcast")) {
                    ctx.broadcast(Map.of("news", body.get("broadcast")));
                }
                if (body.containsKey("never")) {
                    return;
                }
                if (body.containsKey("session")) {
                    reply.send(Map.of("echo", value, "session", request.sessionId().orElse("")));
                    return;
                }
                reply.send(Map.of("echo", value));
            });
            return this;
        }
    }

    /** Raw strings, no callbacks: answers with the upper-cased text. */
    static final class Shout implements Service {
        @Override
        public String name() {
            return "shout";
        }

        @Override
        public Object start(ServiceContext ctx) {
            ctx.onMessage((message, request, reply) -> ctx.send(request.socketId(), message.text().toUpperCase()));
            return null;
        }
    }

    /** Private: never listed to clients. */
    static final class Secret implements Service {
        @Override
        public String name() {
            return "secret";
        }

        @Override
        public boolean isPrivate() {
            return true;
        }
    }
}
