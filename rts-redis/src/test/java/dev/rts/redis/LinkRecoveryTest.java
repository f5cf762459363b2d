package dev.rts.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.ClusterBus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The link to a private redis-server through outages and refusals: its two connections dropped one at a time
 * (CLIENT KILL), Redis stopped and started, Redis busy running a script (BUSY answers to SUBSCRIBE). Each ends with
 * the link healthy, the bus's link listeners told {@code linkRestored()}, and Redis subscribed to exactly the topics
 * with listeners.
 */
@Timeout(120)
@ExtendWith(RedisAvailable.class)
class LinkRecoveryTest {

    @Test
    void theCommandConnectionAloneDroppedIsReportedLostAndRestored() throws Exception {
        dropAndRecover("normal");
    }

    @Test
    void theSubscribingConnectionAloneDroppedIsReportedLostAndRestored() throws Exception {
        dropAndRecover("pubsub");
    }

    @Test
    void aTopicLeftDuringAnOutageIsNotSubscribedAgainAfterIt() throws Exception {
        try (PrivateRedis server = new PrivateRedis(RedisAvailable.freePort())) {
            server.start();
            String prefix = RedisAvailable.uniquePrefix();
            try (Redis redis = Redis.builder().url(server.url()).prefix(prefix).connect()) {
                ClusterBus bus = redis.bus();
                ClusterBus.Listener left = (topic, message) -> { };
                ClusterBus.Listener kept = (topic, message) -> { };
                bus.subscribe("left", left).toCompletableFuture().get(5, TimeUnit.SECONDS);
                bus.subscribe("kept", kept).toCompletableFuture().get(5, TimeUnit.SECONDS);

                server.stop();
                await(() -> !redis.health().connected(), "link reported lost");
                bus.unsubscribe("left", left);
                server.start();
                await(() -> redis.health().connected(), "link back");
                RawRedis.awaitSubscribers(server.port(), prefix + "bus:kept", 1);

                try (RawRedis raw = new RawRedis(server.port())) {
                    await(() -> subscribers(raw, prefix + "bus:left") == 0, "'left' unsubscribed in Redis");
                }
                bus.close();
            }
        }
    }

    @Test
    void aResubscribeRefusedWhileRedisIsBusyIsTriedAgainUntilTheLinkIsRestored() throws Exception {
        try (PrivateRedis server = new PrivateRedis(RedisAvailable.freePort())) {
            server.start();
            String prefix = RedisAvailable.uniquePrefix();
            try (Redis redis = Redis.builder().url(server.url()).prefix(prefix).connect();
                 RawRedis raw = new RawRedis(server.port())) {
                ClusterBus bus = redis.bus();
                AtomicInteger restored = new AtomicInteger();
                bus.addLinkListener(new ClusterBus.LinkListener() {
                    @Override
                    public void linkRestored() {
                        restored.incrementAndGet();
                    }
                });
                bus.subscribe("t", (topic, message) -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
                raw.command("CONFIG", "SET", "busy-reply-threshold", "100");

                // The subscribing connection drops, and while it reconnects (after 100 ms) a script of another app
                // keeps Redis busy for 2 s: SUBSCRIBE is answered BUSY, the handshake (HELLO) is not.
                assertThat(raw.command("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(1L);
                raw.command("EVAL", "local s = redis.call('TIME') local t = s repeat t = redis.call('TIME') "
                        + "until (t[1] - s[1]) * 1000000 + t[2] - s[2] > 2000000 return 1", "0");

                await(() -> restored.get() == 1, "link reported restored");
                assertThat(subscribers(raw, prefix + "bus:t")).isEqualTo(1);
                bus.close();
            }
        }
    }

    @Test
    void aTopicWhoseSubscribeRedisRefusedIsSubscribedOnceRedisTakesIt() throws Exception {
        try (PrivateRedis server = new PrivateRedis(RedisAvailable.freePort())) {
            server.start();
            String prefix = RedisAvailable.uniquePrefix();
            try (Redis redis = Redis.builder().url(server.url()).prefix(prefix).connect();
                 RawRedis scripts = new RawRedis(server.port());
                 RawRedis probe = new RawRedis(server.port())) {
                ClusterBus bus = redis.bus();
                scripts.command("CONFIG", "SET", "busy-reply-threshold", "100");
                CompletableFuture<Object> script = CompletableFuture.supplyAsync(() -> {
                    try {
                        return scripts.command("EVAL", "local s = redis.call('TIME') local t = s repeat "
                                + "t = redis.call('TIME') until (t[1] - s[1]) * 1000000 + t[2] - s[2] > 2000000 "
                                + "return 1", "0");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                await(() -> busy(probe), "Redis busy running the script");

                // A user signing in now, say: Redis answers the topic's SUBSCRIBE with BUSY.
                assertThatThrownBy(() -> bus.subscribe("t", (topic, message) -> { }).toCompletableFuture()
                        .get(5, TimeUnit.SECONDS)).hasMessageContaining("BUSY");
                script.get(10, TimeUnit.SECONDS);

                await(() -> subscribers(probe, prefix + "bus:t") == 1, "'t' subscribed once Redis is not busy");
                bus.close();
            }
        }
    }

    private static boolean busy(RawRedis probe) {
        try {
            probe.command("PING");
            return false;
        } catch (IOException e) {
            return e.getMessage().contains("BUSY");
        }
    }

    private static long subscribers(RawRedis raw, String channel) {
        try {
            return (Long) ((java.util.List<?>) raw.command("PUBSUB", "NUMSUB", channel)).get(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void dropAndRecover(String type) throws Exception {
        try (PrivateRedis server = new PrivateRedis(RedisAvailable.freePort())) {
            server.start();
            try (Redis redis = Redis.builder().url(server.url()).prefix(RedisAvailable.uniquePrefix()).connect()) {
                ClusterBus bus = redis.bus();
                AtomicInteger lost = new AtomicInteger();
                AtomicInteger restored = new AtomicInteger();
                bus.addLinkListener(new ClusterBus.LinkListener() {
                    @Override
                    public void linkLost() {
                        lost.incrementAndGet();
                    }

                    @Override
                    public void linkRestored() {
                        restored.incrementAndGet();
                    }
                });
                bus.subscribe("t", (topic, message) -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
                try (RawRedis raw = new RawRedis(server.port())) {
                    assertThat(raw.command("CLIENT", "KILL", "TYPE", type)).isEqualTo(1L);
                }
                await(() -> lost.get() == 1, "link reported lost");
                await(() -> restored.get() == 1 && redis.health().connected(), "link reported restored");
                bus.close();
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 20 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
