/**
 * Several RTS server processes behave as one through Redis: the cluster bus on Redis pub/sub and sessions kept in
 * Redis, both found by the server when {@code RTS_REDIS_URL} is set.
 */
module dev.rts.redis {
    requires transitive dev.rts.core;
    requires lettuce.core;
    requires com.google.gson;
    requires org.slf4j;
    exports dev.rts.redis;
    provides dev.rts.core.spi.SessionStoreProvider with dev.rts.redis.internal.RedisSessionStoreProvider;
    provides dev.rts.core.spi.ClusterBusProvider with dev.rts.redis.internal.RedisBusProvider;
}
