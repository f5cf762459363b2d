package dev.rts.rpc.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a method is quick enough to run on the calling connection's lane instead of being handed to the worker
 * pool: a hand-off costs a queue offer, a thread wake-up and a context switch, more than a quick method itself.
 * A method counts as quick once its last {@value #STREAK} calls each took under {@link #QUICK_NANOS}; one slower call
 * sends it back to the pool. So a method that blocks is handed off (its first calls always are), and the connection's
 * other calls keep running meanwhile.
 */
final class Pace {

    /** Under this, a call (middleware and method, up to its return) is quick. */
    static final long QUICK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** Consecutive quick calls before a method runs on the lane. */
    static final int STREAK = 16;

    private final AtomicInteger quickCalls = new AtomicInteger();

    boolean quick() {
        return quickCalls.get() >= STREAK;
    }

    void record(long nanos) {
        if (nanos >= QUICK_NANOS) {
            quickCalls.set(0);
        } else if (quickCalls.get() < STREAK) {
            quickCalls.incrementAndGet();
        }
    }
}
