package dev.rts.rpc.internal;

import java.time.Duration;

/**
 * The rpc service's settings, each checked by {@code Rpc.Builder} when set.
 *
 * @param timeout       how long a call may take on the server; positive
 * @param clientTimeout how long a browser waits for an answer; positive
 * @param maxInFlight   how many calls one connection may have unanswered; at least 1
 */
public record RpcConfig(Duration timeout, Duration clientTimeout, int maxInFlight) {

    /** How long a call may take on the server by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** How many calls one connection may have unanswered by default. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 100;

    /** How much longer browsers wait than the server by default, so that the server's error arrives first. */
    public static final Duration CLIENT_GRACE = Duration.ofSeconds(5);

    /** The defaults. */
    static final RpcConfig DEFAULTS = new RpcConfig(DEFAULT_TIMEOUT, DEFAULT_TIMEOUT.plus(CLIENT_GRACE),
            DEFAULT_MAX_IN_FLIGHT);

    /** Formats a duration for messages: {@code 30 s} or {@code 200 ms}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
