package dev.rts.pubsub;

import dev.rts.api.AttributeChange;
import dev.rts.api.ConnectionEvent;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A service that records connects, disconnects and session attributes changed on other servers. Mounted after
 * pub/sub, its listeners run after pub/sub's for the same socket or session, so awaiting its events awaits pub/sub's
 * bookkeeping.
 */
final class ConnectionProbe implements Service {

    private final BlockingQueue<ConnectionEvent> connects = new LinkedBlockingQueue<>();
    private final BlockingQueue<ConnectionEvent> disconnects = new LinkedBlockingQueue<>();
    private final BlockingQueue<AttributeChange> attributeChanges = new LinkedBlockingQueue<>();

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Object start(ServiceContext context) {
        context.onConnect(connects::add);
        context.onDisconnect(disconnects::add);
        context.onAttributeChange(attributeChanges::add);
        return null;
    }

    ConnectionEvent awaitConnect(Duration timeout) {
        return poll(connects, timeout, "connect");
    }

    ConnectionEvent awaitDisconnect(Duration timeout) {
        return poll(disconnects, timeout, "disconnect");
    }

    AttributeChange awaitAttributeChange(Duration timeout) {
        return poll(attributeChanges, timeout, "attribute change");
    }

    private static <T> T poll(BlockingQueue<T> queue, Duration timeout, String what) {
        try {
            T event = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("Expected a " + what + " event within " + timeout + " but none came");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a " + what + " event", e);
        }
    }
}
