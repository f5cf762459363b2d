package dev.rts.rpc.internal;

import dev.rts.api.ServiceOptions;
import java.time.Duration;
import java.util.Set;

/**
 * The rpc service's options, checked. See the {@code dev.rts.rpc} package documentation.
 *
 * @param timeout       how long a call may take on the server
 * @param clientTimeout how long a browser waits for an answer
 * @param maxInFlight   how many calls one connection may have unanswered
 */
record RpcConfig(Duration timeout, Duration clientTimeout, int maxInFlight) {

    /** The option keys this service reads. */
    static final Set<String> KEYS = Set.of("timeout", "clientTimeout", "maxInFlight");

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static final int DEFAULT_MAX_IN_FLIGHT = 100;

    /** How much longer browsers wait than the server by default, so that the server's error arrives first. */
    static final Duration CLIENT_GRACE = Duration.ofSeconds(5);

    /**
     * Reads the options.
     *
     * @throws IllegalArgumentException if an option has the wrong type or is not positive
     */
    static RpcConfig from(ServiceOptions options) {
        Duration timeout = positive("timeout", options.duration("timeout", DEFAULT_TIMEOUT));
        Duration clientTimeout = positive("clientTimeout", options.duration("clientTimeout",
                timeout.plus(CLIENT_GRACE)));
        long maxInFlight = options.number("maxInFlight", DEFAULT_MAX_IN_FLIGHT);
        if (maxInFlight < 1 || maxInFlight > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Option 'maxInFlight' must be a whole number from 1 to "
                    + Integer.MAX_VALUE + " but was " + maxInFlight);
        }
        return new RpcConfig(timeout, clientTimeout, (int) maxInFlight);
    }

    private static Duration positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Option '" + key + "' must be a positive duration but was "
                    + value.toMillis() + " ms");
        }
        return value;
    }

    /** Formats a duration for messages: {@code 30 s} or {@code 200 ms}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
