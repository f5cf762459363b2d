package dev.rts.pubsub.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs bus messages this service drops (not its format: another app or an older version publishing on its topics) at
 * most once per 10 s, counting the lines held back, so that a flood of them neither fills the log nor holds up the
 * bus thread that delivers them. Thread-safe.
 */
final class DroppedMessages {

    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final Logger log;
    private final AtomicLong nextAt = new AtomicLong(System.nanoTime());
    private final AtomicLong held = new AtomicLong();

    DroppedMessages(Logger log) {
        this.log = log;
    }

    /** Logs at WARN unless a line was written less than 10 s ago; then only counts it. */
    void warn(String format, Object... args) {
        long now = System.nanoTime();
        long next = nextAt.get();
        if (now - next >= 0 && nextAt.compareAndSet(next, now + INTERVAL_NANOS)) {
            long before = held.getAndSet(0);
            log.warn(before == 0 ? format : format + " (and " + before + " more like it held back)", args);
        } else {
            held.incrementAndGet();
        }
    }
}
