package dev.rts.redis;

import dev.rts.api.ClusterBus;
import dev.rts.core.RtsServer;
import dev.rts.core.spi.Connection;
import dev.rts.core.spi.OutboundFrame;
import dev.rts.core.spi.Transport;
import dev.rts.core.spi.TransportHost;
import dev.rts.pubsub.PubSub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Cross-server fan-out, not a test (surefire does not run it): deliveries per second of pub/sub's {@code all} when
 * one server publishes to N sockets of its own, beside two servers on the Redis bus (127.0.0.1:6379) with N sockets
 * each, the publisher's events reaching the other server's sockets through Redis. The sockets only count what they
 * are given, so what is measured is the servers and Redis, not a network or a client.
 *
 * <pre>
 * mvn test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -pl rts-redis
 * java -cp rts-redis/target/test-classes:rts-redis/target/classes:$(cat rts-redis/cp.txt) \
 *     dev.rts.redis.CrossServerFanOutBenchmark 1000 5000
 * </pre>
 */
public final class CrossServerFanOutBenchmark {

    private CrossServerFanOutBenchmark() {
    }

    /** A socket that counts what it is given. */
    private record CountingConnection(String id, AtomicLong frames) implements Connection {
        @Override
        public String clientIp() {
            return "127.0.0.1";
        }

        @Override
        public boolean send(OutboundFrame frame) {
            frames.incrementAndGet();
            return true;
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }

    /** One server with N counting sockets, on a bus of its own Redis connection. */
    private static final class Node implements Transport {
        final AtomicLong frames = new AtomicLong();
        final Redis redis;
        final ClusterBus bus;
        final RtsServer server;
        final PubSub pubsub;
        volatile TransportHost host;

        Node(String prefix, int sockets) {
            redis = Redis.builder().url(RedisAvailable.URL).prefix(prefix).connect();
            bus = redis.bus();
            server = RtsServer.builder().discoverServices(false).transport(this).clusterBus(bus)
                    .service(PubSub.service()).build();
            pubsub = server.start().get("pubsub", PubSub.class);
            for (int i = 0; i < sockets; i++) {
                CountingConnection connection = new CountingConnection("s" + i, frames);
                host.opened(connection);
                host.received(connection, "0|1|{\"c\":\"connect\",\"sessionId\":false}");
            }
            await(() -> server.connections().count() >= sockets, "sockets to connect");
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void start(TransportHost transportHost) {
            host = transportHost;
        }

        @Override
        public void stop() {
        }

        void close() {
            server.stop();
            bus.close();
            redis.close();
        }
    }

    /**
     * Runs the measurement.
     *
     * @param args sockets per server (default 1000) and events per round (default 5000)
     */
    public static void main(String[] args) {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        String prefix = RedisAvailable.uniquePrefix();
        Node a = new Node(prefix, sockets);
        Node b = new Node(prefix, sockets);
        System.out.printf("%d sockets per server, %d events per round, %d cores, load %s%n", sockets, events,
                Runtime.getRuntime().availableProcessors(), load());
        for (int round = 0; round < 3; round++) {
            // One server: the publisher's own sockets only (the other server's copy arrives through Redis too, but
            // is not counted here).
            long ownBefore = a.frames.get();
            long expected = b.frames.get() + (long) events * sockets;
            long started = System.nanoTime();
            for (int i = 0; i < events; i++) {
                a.pubsub.all("tick", i, "some text");
            }
            long ownNanos = System.nanoTime() - started;
            long own = a.frames.get() - ownBefore;
            await(() -> b.frames.get() >= expected, "the other server's deliveries");

            // Two servers: every socket on both, until the last event reached the other server's last socket.
            long bothBefore = a.frames.get() + b.frames.get();
            long otherTarget = b.frames.get() + (long) events * sockets;
            started = System.nanoTime();
            for (int i = 0; i < events; i++) {
                a.pubsub.all("tick", i, "some text");
            }
            await(() -> b.frames.get() >= otherTarget, "the other server's deliveries");
            long bothNanos = System.nanoTime() - started;
            long both = a.frames.get() + b.frames.get() - bothBefore;
            System.out.printf("one server : %,12d deliveries in %,6d ms: %,12.0f deliveries/s%n", own,
                    ownNanos / 1_000_000, own * 1e9 / ownNanos);
            System.out.printf("two servers: %,12d deliveries in %,6d ms: %,12.0f deliveries/s (%,.0f events/s "
                    + "through Redis)%n", both, bothNanos / 1_000_000, both * 1e9 / bothNanos, events * 1e9 / bothNanos);
        }
        a.close();
        b.close();
    }

    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
