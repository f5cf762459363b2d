package dev.rts.redis.internal;

import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.SessionStoreProvider;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps the server's sessions in Redis when {@code RTS_REDIS_URL} is set; declines otherwise, so the jar alone
 * changes nothing.
 */
public final class RedisSessionStoreProvider implements SessionStoreProvider {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Optional<SessionStore> create(Duration maxAge) {
        return EnvironmentRedis.take(redis -> redis.sessionStore(maxAge));
    }

    @Override
    public Optional<SessionStore> create(Duration maxAge, Duration anonymousMaxAge) {
        return EnvironmentRedis.take(redis -> redis.sessionStore(maxAge, anonymousMaxAge));
    }
}
