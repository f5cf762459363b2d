package dev.rts.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Limits how often each remote address may do something (create a session), with one token bucket per address.
 * The table is bounded: buckets that refilled are forgotten every few seconds, and if an attacker with many addresses
 * still fills it, it is cleared (the global session cap still bounds memory). Thread-safe.
 */
final class AddressLimiter {

    static final int MAX_ADDRESSES = 65_536;
    private static final long SWEEP_EVERY_NANOS = 10_000_000_000L;

    private final double ratePerSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    AddressLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + SWEEP_EVERY_NANOS);
    }

    /** Whether the address may go ahead now; takes one token if so. */
    boolean tryAcquire(String address) {
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        if (buckets.size() >= MAX_ADDRESSES && !buckets.containsKey(address)) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(address, a -> new TokenBucket(ratePerSecond, burst, now)).tryTake(now);
    }

    int trackedAddresses() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_EVERY_NANOS)) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
    }
}
