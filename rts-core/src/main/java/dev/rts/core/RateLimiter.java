package dev.rts.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Middleware that lets each socket send at most N messages per second. The first message over the limit is rejected
 * with an error frame that warns the client. After that, a message over the limit that expects a reply (it has a
 * callback id) is rejected with the same error, so that the call fails at once instead of waiting for the client's
 * timeout; one that expects none is dropped silently. The count resets each second, and a socket's state is freed
 * when it disconnects. Thread-safe.
 */
public final class RateLimiter implements Middleware {

    /** The default limit, as in the 2013 reference: 8 messages per second per socket. */
    public static final int DEFAULT_MESSAGES_PER_SECOND = 8;

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int limit;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int limit, LongSupplier nanoClock) {
        if (limit < 1) {
            throw new IllegalArgumentException("Rate limit must be at least 1 message per second but was " + limit);
        }
        this.limit = limit;
        this.nanoClock = nanoClock;
    }

    /**
     * A limiter allowing {@value #DEFAULT_MESSAGES_PER_SECOND} messages per second per socket.
     *
     * @return the limiter
     */
    public static RateLimiter perSocket() {
        return perSocket(DEFAULT_MESSAGES_PER_SECOND);
    }

    /**
     * A limiter allowing the given number of messages per second per socket.
     *
     * @param messagesPerSecond the limit, at least 1
     * @return the limiter
     * @throws IllegalArgumentException if the limit is below 1
     */
    public static RateLimiter perSocket(int messagesPerSecond) {
        return new RateLimiter(messagesPerSecond, System::nanoTime);
    }

    @Override
    public void handle(IncomingMessage message, MiddlewareChain chain) {
        Window window = windows.computeIfAbsent(message.request().socketId(), id -> new Window());
        Verdict verdict = window.count(nanoClock.getAsLong(), limit);
        switch (verdict) {
            case ALLOW -> chain.next(message);
            case WARN -> chain.reject(rejection());
            case DROP -> {
                if (message.callbackId() != 0) {
                    chain.reject(rejection());
                }
                // Otherwise dropped silently: the client was warned once already and waits for nothing.
            }
        }
    }

    private String rejection() {
        return "Rate limit exceeded: at most " + limit + " messages per second per socket; messages over the limit "
                + "are dropped";
    }

    @Override
    public void onDisconnect(String socketId) {
        windows.remove(socketId);
    }

    /** How many sockets have state; for tests that check it is freed. */
    int trackedSockets() {
        return windows.size();
    }

    private enum Verdict { ALLOW, WARN, DROP }

    private static final class Window {
        private long start = Long.MIN_VALUE;
        private int count;
        private boolean warned;

        synchronized Verdict count(long now, int limit) {
            if (start == Long.MIN_VALUE || now - start >= SECOND_NANOS) {
                start = now;
                count = 0;
            }
            count++;
            if (count <= limit) {
                return Verdict.ALLOW;
            }
            if (!warned) {
                warned = true;
                return Verdict.WARN;
            }
            return Verdict.DROP;
        }
    }
}
