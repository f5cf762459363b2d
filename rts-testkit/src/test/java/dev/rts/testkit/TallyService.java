package dev.rts.testkit;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shared tally, found by {@code ServiceLoader} (listed in this test module's {@code META-INF/services}):
 * {@code {"inc":n}} adds n, answers the new count and tells every client; {@code {"late":true}} answers nothing and
 * pushes the count afterwards; anything else is refused. Its server-side API is the {@link AtomicLong} it counts in.
 */
public final class TallyService implements Service {

    @Override
    public String name() {
        return "tally";
    }

    @Override
    public Set<Feature> features() {
        return Set.of(Feature.JSON, Feature.CALLBACKS);
    }

    @Override
    public Object start(ServiceContext ctx) {
        AtomicLong count = new AtomicLong();
        ctx.onMessage((message, request, reply) -> {
            Map<?, ?> body = message.decode(Map.class);
            if (Boolean.TRUE.equals(body.get("late"))) {
                ctx.send(request.socketId(), Map.of("count", count.get()));
                return;
            }
            if (!(body.get("inc") instanceof Number by)) {
                throw new IllegalArgumentException("tally needs {\"inc\": <number>}");
            }
            long now = count.addAndGet(by.longValue());
            reply.send(Map.of("count", now));
            ctx.broadcast(Map.of("count", now));
        });
        return count;
    }
}
