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
 * Small services for transport tests.
 */
final class TestServices {

    private TestServices() {
    }

    /** JSON + callbacks: answers {"echo": payload}; "sleep" makes it block for a second; records disconnects. */
    static final class Echo implements Service {
        final BlockingQueue<ConnectionEvent> disconnects = new LinkedBlockingQueue<>();
        final BlockingQueue<ConnectionEvent> connects = new LinkedBlockingQueue<>();
        ServiceContext context;

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
                if ("fail".equals(value)) {
                    throw new IllegalStateException("Echo was told to fail");
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
