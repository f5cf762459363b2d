package dev.rts.redis.internal;

import dev.rts.redis.Redis;
import java.util.Optional;
import java.util.function.Function;

/**
 * The connection the providers share when Redis is configured by the environment, so that a server's bus and
 * session store found with {@code ServiceLoader} use one link (one subscribing connection) rather than one each. It
 * stays open while something taken from it is open, and is connected again once all of them closed.
 */
final class EnvironmentRedis {

    private static Redis current;

    private EnvironmentRedis() {
    }

    /** Whether {@code RTS_REDIS_URL} is set. */
    static boolean configured() {
        String url = System.getenv(Redis.URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    /**
     * Takes something (a bus, a store) from the shared connection, connecting it first if needed.
     *
     * @return empty if {@code RTS_REDIS_URL} is not set
     */
    static synchronized <T> Optional<T> take(Function<Redis, T> what) {
        Optional<Redis.Builder> builder = Redis.fromEnvironment();
        if (builder.isEmpty()) {
            return Optional.empty();
        }
        if (current != null) {
            try {
                return Optional.of(what.apply(current));
            } catch (IllegalStateException closed) {
                // Everything taken earlier was closed, and the connection with it: connect again below.
                current = null;
            }
        }
        Redis fresh = builder.get().connect();
        try {
            T taken = what.apply(fresh);
            current = fresh;
            return Optional.of(taken);
        } finally {
            // What was taken keeps the connection open; this class holds no reference of its own.
            fresh.close();
        }
    }
}
