package ${package}.internal;

import ${package}.${serviceClass};
import dev.rts.api.BrowserHalf;
import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code ${serviceName}} service. Public only for {@link java.util.ServiceLoader}, which creates it with the
 * public no-arg constructor; apps configure it with {@link ${serviceClass}#builder()}.
 *
 * <p>A browser sends {@code {"amount": n}}; the service adds it, answers the sender's callback with
 * {@code {"value": v}} and sends the same to every browser. One instance serves one server.
 */
public final class ${serviceClass}Service implements Service {

    private final long initialValue;
    private final long maxAmount;

    /** The service with the defaults of {@link ${serviceClass}#builder()}. Does no work. */
    public ${serviceClass}Service() {
        this(0, 1);
    }

    /**
     * The service with settings checked by {@link ${serviceClass}#builder()}. Does no work.
     *
     * @param initialValue the value at start
     * @param maxAmount    the largest amount one browser message may add
     */
    public ${serviceClass}Service(long initialValue, long maxAmount) {
        this.initialValue = initialValue;
        this.maxAmount = maxAmount;
    }

    @Override
    public String name() {
        return "${serviceName}";
    }

    @Override
    public Set<Feature> features() {
        return Set.of(Feature.JSON, Feature.CALLBACKS);
    }

    @Override
    public ${serviceClass} start(ServiceContext ctx) {
        AtomicLong value = new AtomicLong(initialValue);
        ${serviceClass} api = new ${serviceClass}() {
            @Override
            public long value() {
                return value.get();
            }

            @Override
            public long add(long amount) {
                long now = value.addAndGet(amount);
                ctx.broadcast(new Value(now));          // encoded once, sent to every browser
                return now;
            }
        };
        ctx.onMessage((message, request, reply) -> {
            long amount = message.decode(Add.class).amount();
            if (amount < 1 || amount > maxAmount) {
                // Thrown exceptions become an error frame for this socket only, in these words.
                throw new IllegalArgumentException("Amount must be 1 to " + maxAmount + " but was " + amount);
            }
            long now = api.add(amount);
            if (reply.expected()) {                     // only a sender that gave a callback gets an answer
                reply.send(new Value(now));
            }
        });
        return api;
    }

    /**
     * The browser half, {@code META-INF/rts/${package}.internal.${serviceClass}Service.js}: a server that cannot read
     * it refuses to start, naming the file.
     */
    @Override
    public Optional<String> clientCode() {
        return Optional.of(BrowserHalf.read(getClass()));
    }

    /**
     * What a browser sends.
     *
     * @param amount how much to add
     */
    public record Add(long amount) {
    }

    /**
     * What browsers receive.
     *
     * @param value the new value
     */
    public record Value(long value) {
    }
}
