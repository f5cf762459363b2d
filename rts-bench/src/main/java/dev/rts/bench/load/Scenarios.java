package dev.rts.bench.load;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The end-to-end scenarios. Each runs against a fresh server process and reports throughput, latency percentiles
 * (HdrHistogram, microsecond precision) and the server's CPU time per operation from {@code /proc}.
 *
 * <p>To add a scenario: write a method here taking ({@link Peer}, {@link Servers.Running}, {@link Settings}) and
 * returning a {@link Result}, give the peers the wire operations it needs in {@link Peer}, and list it in
 * {@link Compare#SCENARIOS}.
 */
public final class Scenarios {

    /** 32 bytes, as in the measurement. */
    static final String PAYLOAD = "abcdefghijklmnopqrstuvwxyz012345";
    private static final int WINDOW = 64;

    private Scenarios() {
    }

    // ---------------------------------------------------------------- rpc

    /** Per-connection state of the rpc scenario; loop thread only. */
    private static final class Caller {
        final long[] sentAt = new long[WINDOW];
        long next = 1;
        long answered;
    }

    /**
     * {@code rpcConnections} connections each keep {@code rpcInFlight} echo requests unanswered (a new one for every
     * answer) for {@code measureSeconds} after a warm-up.
     */
    public static Result rpc(Peer peer, Servers.Running server, Settings settings) throws Exception {
        if (settings.rpcInFlight() > WINDOW) {
            throw new IllegalArgumentException("rpcInFlight must be at most " + WINDOW);
        }
        try (Fleet fleet = new Fleet(peer)) {
            fleet.open(server.port(), settings.rpcConnections(), 100, 60);
            Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            boolean[] measuring = {false};
            fleet.receiver((connection, text) -> {
                long id = peer.echoId(text);
                if (id < 0) {
                    return;
                }
                long now = System.nanoTime();
                Caller caller = (Caller) connection.attachment;
                if (measuring[0]) {
                    latency.recordValue(Math.min((now - caller.sentAt[(int) (id % WINDOW)]) / 1000,
                            latency.getHighestTrackableValue()));
                    caller.answered++;
                }
                call(peer, connection, caller, now);
            });
            onLoop(fleet, () -> {
                long now = System.nanoTime();
                for (WsLoop.WsConnection connection : fleet.connections) {
                    Caller caller = new Caller();
                    connection.attachment = caller;
                    for (int i = 0; i < settings.rpcInFlight(); i++) {
                        call(peer, connection, caller, now);
                    }
                }
                return null;
            });
            Thread.sleep(TimeUnit.SECONDS.toMillis(settings.warmupSeconds()));
            long cpu0 = server.cpuMicros();
            long switches0 = server.contextSwitches();
            long t0 = System.nanoTime();
            onLoop(fleet, () -> measuring[0] = true);
            Thread.sleep(TimeUnit.SECONDS.toMillis(settings.measureSeconds()));
            long[] perConnection = onLoop(fleet, () -> {
                measuring[0] = false;
                return fleet.connections.stream().mapToLong(c -> ((Caller) c.attachment).answered).toArray();
            });
            long elapsed = System.nanoTime() - t0;
            long cpu = server.cpuMicros() - cpu0;
            long switches = server.contextSwitches() - switches0;
            Histogram snapshot = onLoop(fleet, latency::copy);
            long total = Arrays.stream(perConnection).sum();
            Arrays.sort(perConnection);
            Result.Builder result = Result.of("rpc", peer)
                    .put("round trips/s", total * 1e9 / elapsed)
                    .put("p50 ms", snapshot.getValueAtPercentile(50) / 1000.0)
                    .put("p99 ms", snapshot.getValueAtPercentile(99) / 1000.0)
                    .put("server CPU us/op", total == 0 ? 0 : (double) cpu / total)
                    .put("server ctx switches/op", total == 0 ? 0 : (double) switches / total)
                    .put("per conn min", perConnection[0])
                    .put("per conn median", perConnection[perConnection.length / 2])
                    .put("per conn max", perConnection[perConnection.length - 1]);
            noteDrops(fleet, result);
            return result.build();
        }
    }

    private static void call(Peer peer, WsLoop.WsConnection connection, Caller caller, long now) {
        long id = caller.next++;
        caller.sentAt[(int) (id % WINDOW)] = now;
        connection.send(peer.echo(id, PAYLOAD));
    }

    // ---------------------------------------------------------------- fan-out

    /** Counts deliveries and their latency: the event carries the publisher's {@code System.nanoTime()}. */
    private static final class Deliveries {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(600), 3);
        long count;
        long first;
        long last;
        boolean measuring = true;

        void record(String payload) {
            long now = System.nanoTime();
            long sent = Peer.number(payload, 1);
            if (count == 0) {
                first = now;
            }
            last = now;
            count++;
            if (measuring && sent > 0) {
                latency.recordValue(Math.min(Math.max(0, now - sent) / 1000, latency.getHighestTrackableValue()));
            }
        }
    }

    private static String event() {
        String stamp = "t" + System.nanoTime() + "x";
        return stamp.length() >= PAYLOAD.length() ? stamp : stamp + PAYLOAD.substring(stamp.length());
    }

    private static Deliveries subscribe(Peer peer, Fleet fleet) {
        Deliveries deliveries = new Deliveries();
        WsLoop.WsConnection publisher = fleet.connections.get(0);
        fleet.receiver((connection, text) -> {
            String payload = peer.event(text);
            if (payload != null && connection != publisher) {
                deliveries.record(payload);
            }
        });
        return deliveries;
    }

    /**
     * A publisher sends {@code blastEvents} events back to back; each goes to every connected socket. Measures how fast
     * {@code fanSubscribers} subscribers get them all and how late they arrive: the cost of a queue built by a
     * publisher faster than the sockets drain.
     */
    public static Result blast(Peer peer, Servers.Running server, Settings settings) throws Exception {
        try (Fleet fleet = new Fleet(peer)) {
            fleet.open(server.port(), settings.fanSubscribers() + 1, 100, 60);
            Deliveries deliveries = subscribe(peer, fleet);
            long expected = (long) settings.fanSubscribers() * settings.blastEvents();
            long cpu0 = server.cpuMicros();
            long t0 = System.nanoTime();
            onLoop(fleet, () -> {
                WsLoop.WsConnection publisher = fleet.connections.get(0);
                for (int i = 0; i < settings.blastEvents(); i++) {
                    publisher.send(peer.publish(event()));
                }
                return null;
            });
            long deadline = t0 + TimeUnit.SECONDS.toNanos(settings.blastLimitSeconds());
            long lastCount = -1;
            long lastProgress = System.nanoTime();
            while (true) {
                Thread.sleep(50);
                long count = onLoop(fleet, () -> deliveries.count);
                long now = System.nanoTime();
                if (count != lastCount) {
                    lastCount = count;
                    lastProgress = now;
                }
                if (count >= expected || now > deadline || now - lastProgress > TimeUnit.SECONDS.toNanos(5)) {
                    break;
                }
            }
            long cpu = server.cpuMicros() - cpu0;
            Deliveries done = onLoop(fleet, () -> {
                deliveries.measuring = false;
                return deliveries;
            });
            long elapsed = Math.max(1, done.last - t0);
            Result.Builder result = Result.of("fanout-blast", peer)
                    .put("deliveries/s", done.count * 1e9 / elapsed)
                    .put("p50 ms", done.latency.getValueAtPercentile(50) / 1000.0)
                    .put("p99 ms", done.latency.getValueAtPercentile(99) / 1000.0)
                    .put("server CPU us/op", done.count == 0 ? 0 : (double) cpu / done.count)
                    .put("delivered %", 100.0 * done.count / expected);
            noteDrops(fleet, result);
            return result.build();
        }
    }

    /**
     * A publisher sends {@code rate} events per second for {@code measureSeconds} (after a warm-up) to
     * {@code fanSubscribers} subscribers: delivery latency when the server keeps up.
     */
    public static Result paced(Peer peer, Servers.Running server, Settings settings, double rate) throws Exception {
        try (Fleet fleet = new Fleet(peer)) {
            fleet.open(server.port(), settings.fanSubscribers() + 1, 100, 60);
            Deliveries deliveries = subscribe(peer, fleet);
            deliveries.measuring = false;
            long start = System.nanoTime();
            long[] sent = {0};
            WsLoop.WsConnection publisher = fleet.connections.get(0);
            fleet.loop.onTick(() -> {
                long due = (long) ((System.nanoTime() - start) * rate / 1e9);
                for (; sent[0] < due; sent[0]++) {
                    publisher.send(peer.publish(event()));
                }
            });
            Thread.sleep(TimeUnit.SECONDS.toMillis(settings.warmupSeconds()));
            long cpu0 = server.cpuMicros();
            long count0 = onLoop(fleet, () -> {
                deliveries.latency.reset();
                deliveries.measuring = true;
                return deliveries.count;
            });
            long t0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(settings.measureSeconds()));
            long count = onLoop(fleet, () -> {
                fleet.loop.onTick(() -> { });
                deliveries.measuring = false;
                return deliveries.count;
            }) - count0;
            long elapsed = System.nanoTime() - t0;
            long cpu = server.cpuMicros() - cpu0;
            Histogram latency = onLoop(fleet, deliveries.latency::copy);
            Result.Builder result = Result.of("fanout-paced", peer)
                    .put("events/s", rate)
                    .put("deliveries/s", count * 1e9 / elapsed)
                    .put("p50 ms", latency.getValueAtPercentile(50) / 1000.0)
                    .put("p99 ms", latency.getValueAtPercentile(99) / 1000.0)
                    .put("server CPU us/op", count == 0 ? 0 : (double) cpu / count);
            noteDrops(fleet, result);
            return result.build();
        }
    }

    // ---------------------------------------------------------------- idle

    /**
     * Opens {@code idleConnections} connections (handshake done) and reports the server's resident memory per
     * connection: RSS after minus before, both after a full GC for JVM servers.
     */
    public static Result idle(Peer peer, Servers.Running server, Settings settings) throws Exception {
        try (Fleet fleet = new Fleet(peer)) {
            server.collectGarbage();
            Thread.sleep(500);
            long before = server.rssKib();
            fleet.open(server.port(), settings.idleConnections(), 500, 120);
            Thread.sleep(1000);
            server.collectGarbage();
            Thread.sleep(500);
            long after = server.rssKib();
            Result.Builder result = Result.of("idle", peer)
                    .put("connections", settings.idleConnections())
                    .put("RSS KB/conn", (after - before) * 1024.0 / 1000 / settings.idleConnections())
                    .put("RSS MB total", after / 1024.0);
            noteDrops(fleet, result);
            return result.build();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void noteDrops(Fleet fleet, Result.Builder result) {
        if (fleet.closedEarly() > 0) {
            result.note(fleet.closedEarly() + " connection(s) closed by the server (" + fleet.firstError() + ")");
        }
    }

    /** Runs {@code work} on the loop thread and returns its result. */
    private static <T> T onLoop(Fleet fleet, Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        fleet.loop.execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
