package com.acme.counter;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

public final class CounterService implements Service {

    /** The server-side API: {@code api.get("counter", CounterService.Counter.class)}. */
    public interface Counter {
        long increment(long by);
    }

    public record Increment(long by) {}      // what a browser sends

    public record Value(long value) {}       // what browsers receive

    private final AtomicLong value = new AtomicLong();

    public String name() {
        return "counter";
    }

    public Set<Feature> features() {
        return Set.of(Feature.JSON, Feature.CALLBACKS);
    }

    public Counter start(ServiceContext ctx) {
        Counter counter = by -> {
            long now = value.addAndGet(by);
            ctx.broadcast(new Value(now));     // encoded once, sent to every browser, the sender too
            return now;
        };
        ctx.onMessage((message, request, reply) -> {
            long now = counter.increment(message.decode(Increment.class).by());   // JSON decoded for you
            if (reply.expected()) {            // the sender gave a callback
                reply.send(new Value(now));
            }
        });
        return counter;                        // the server publishes it as the service's API
    }
}
