package dev.rts.pubsub;

import dev.rts.api.Api;
import dev.rts.core.RtsServer;
import dev.rts.core.spi.Connection;
import dev.rts.core.spi.OutboundFrame;
import dev.rts.core.spi.Transport;
import dev.rts.core.spi.TransportHost;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rough fan-out measurement, not a test (surefire does not run it): how many deliveries per second pub/sub hands to
 * N connected in-memory sockets whose "send" only counts, so that what is measured is the server side (encode once,
 * find recipients, queue the frame on each connection), not a network or a client.
 *
 * <pre>
 * mvn -o test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -pl rts-pubsub
 * java -cp rts-pubsub/target/test-classes:rts-pubsub/target/classes:$(cat cp.txt) dev.rts.pubsub.FanOutBenchmark 1000
 * </pre>
 */
public final class FanOutBenchmark {

    private FanOutBenchmark() {
    }

    /** A socket that counts what it is given. */
    private static final class CountingConnection implements Connection {
        private final String id;
        final AtomicLong frames = new AtomicLong();

        CountingConnection(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

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

    /** Opens N counting sockets and sends each the connect handshake. */
    private static final class CountingTransport implements Transport {
        volatile TransportHost host;

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
    }

    /**
     * Runs the measurement.
     *
     * @param args the number of sockets (default 1000) and of events per target (default 20000)
     * @throws Exception if the server fails
     */
    public static void main(String[] args) throws Exception {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        CountingTransport transport = new CountingTransport();
        RtsServer server = RtsServer.builder().discoverServices(false).transport(transport)
                .service(PubSub.service()).build();
        Api api = server.start();
        PubSub pubsub = api.get("pubsub", PubSub.class);
        List<CountingConnection> connections = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            CountingConnection connection = new CountingConnection("s" + i);
            connections.add(connection);
            transport.host.opened(connection);
            transport.host.received(connection, "0|1|{\"c\":\"connect\",\"sessionId\":false}");
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.connections().count() < sockets) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + server.connections().count() + " sockets connected");
            }
            Thread.onSpinWait();
        }
        for (String socketId : server.connections().socketIds()) {
            String sessionId = server.connections().sessionOf(socketId).orElseThrow();
            pubsub.channels(sessionId).subscribe("everyone");
            server.connections().session(sessionId).orElseThrow().setUserId("user" + (socketId.hashCode() & 7));
        }
        List<String> users = List.of("user0", "user1", "user2", "user3", "user4", "user5", "user6", "user7");
        System.out.printf("%d sockets, %d events per target, %d cores%n", sockets, events,
                Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < 3; round++) {
            measure("all", events, connections, () -> pubsub.all("tick", 1, "some text", true));
            measure("channel", events, connections, () -> pubsub.channel("everyone", "tick", 1, "some text", true));
            measure("user x8", events, connections, () -> pubsub.user(users, "tick", 1, "some text", true));
        }
        server.stop();
    }

    private static void measure(String target, int events, List<CountingConnection> connections, Runnable publish) {
        long before = total(connections);
        long started = System.nanoTime();
        for (int i = 0; i < events; i++) {
            publish.run();
        }
        long nanos = System.nanoTime() - started;
        long deliveries = total(connections) - before;
        System.out.printf("%-8s %,12d deliveries in %,6d ms: %,14.0f deliveries/s, %,10.0f events/s%n", target,
                deliveries, nanos / 1_000_000, deliveries * 1e9 / nanos, events * 1e9 / nanos);
    }

    private static long total(List<CountingConnection> connections) {
        long sum = 0;
        for (CountingConnection connection : connections) {
            sum += connection.frames.get();
        }
        return sum;
    }
}
