package dev.rts.redis.internal;

import dev.rts.api.ClusterBus;
import dev.rts.core.spi.ClusterBusProvider;
import dev.rts.redis.Redis;

/**
 * Carries the server's cluster bus on Redis pub/sub when {@code RTS_REDIS_URL} is set; not configured otherwise, so
 * the jar alone changes nothing.
 */
public final class RedisBusProvider implements ClusterBusProvider {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean configured() {
        return EnvironmentRedis.configured();
    }

    @Override
    public ClusterBus create() {
        return EnvironmentRedis.take(Redis::bus).orElseThrow(() -> new IllegalStateException(
                Redis.URL_VARIABLE + " is not set: set it to redis://host:port to use the Redis cluster bus"));
    }
}
