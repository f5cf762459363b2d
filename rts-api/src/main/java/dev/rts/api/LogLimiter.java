package dev.rts.api;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Writes at most one line per interval for one kind of event that a remote client can trigger at will (a refused
 * origin, a dropped slow consumer, a rate limit), so that an attacker cannot fill the log. Lines held back are
 * counted, and the next line written says how many. Services use it the same way for what their remote clients or
 * other systems can send them at will (malformed requests, messages of another format on their bus topics).
 * Thread-safe; never blocks beyond the logger itself.
 */
public final class LogLimiter {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAt;
    private final AtomicLong suppressed = new AtomicLong();

    /**
     * Creates a limiter.
     *
     * @param log           where lines go
     * @param intervalNanos the least time between two lines, in nanoseconds
     */
    public LogLimiter(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.nextAt = new AtomicLong(System.nanoTime());
    }

    /**
     * Logs at WARN unless a line was written less than the interval ago; then only counts it.
     *
     * @param format an SLF4J format
     * @param args   its arguments
     */
    public void warn(String format, Object... args) {
        if (log.isWarnEnabled() && due()) {
            long held = suppressed.getAndSet(0);
            log.warn(held == 0 ? format : format + " (and " + held + " more like it held back)", args);
        }
    }

    /**
     * Logs at INFO unless a line was written less than the interval ago; then only counts it.
     *
     * @param format an SLF4J format
     * @param args   its arguments
     */
    public void info(String format, Object... args) {
        if (log.isInfoEnabled() && due()) {
            long held = suppressed.getAndSet(0);
            log.info(held == 0 ? format : format + " (and " + held + " more like it held back)", args);
        }
    }

    private boolean due() {
        long now = System.nanoTime();
        long next = nextAt.get();
        if (now - next >= 0 && nextAt.compareAndSet(next, now + intervalNanos)) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }
}
