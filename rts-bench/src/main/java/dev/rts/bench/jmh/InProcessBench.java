package dev.rts.bench.jmh;

import dev.rts.client.ClientTransport;
import dev.rts.core.RtsServer;
import dev.rts.rpc.Rpc;
import dev.rts.testkit.internal.MemoryTransport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The in-process suite: one client sends {@value #BATCH} messages through the whole server stack (transport host,
 * serial lane, frame codec, service handler, reply encoding) over the testkit's in-memory transport and waits for
 * every answer. Throughput is messages answered per second, comparable with the 2013 reference suite.
 *
 * <p>At most {@value #WINDOW} messages are in flight: the core's per-connection queue is bounded, and a real client
 * would not have more unanswered either.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InProcessBench {

    static final int BATCH = 10_000;
    static final int WINDOW = 128;
    /** How long a batch may go without an answer before it fails instead of hanging. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private RtsServer server;
    private Client plain;
    private Client json;
    private Client callbacks;
    private Client sessions;
    private Client rpc;

    /** Starts a server with the four echo services and connects one client (handshake done). */
    @Setup(Level.Trial)
    public void start() {
        MemoryTransport transport = new MemoryTransport();
        server = RtsServer.builder().discoverServices(false)
                .service("plain", BenchServices.plain(), java.util.Map.of())
                .service("json", BenchServices.json(), java.util.Map.of())
                .service("callbacks", BenchServices.callbacks(), java.util.Map.of())
                .service("sessions", BenchServices.sessions(), java.util.Map.of())
                // As many calls in flight per connection as the client keeps unanswered.
                .service(Rpc.builder().maxInFlight(WINDOW).build())
                .transport(transport)
                // A framework-overhead benchmark: the default per-socket rate limit would drop most of each batch.
                .noMessageRateLimit()
                .build();
        server.start().get("rpc", Rpc.class).namespace("bench", new EchoActions());
        plain = new Client(transport.newClient(), id -> "1|hello world");
        json = new Client(transport.newClient(), id -> "2|{\"say\":\"hello world\",\"n\":42}");
        callbacks = new Client(transport.newClient(), id -> "3|" + id + "|{\"say\":\"hello world\",\"n\":42}");
        sessions = new Client(transport.newClient(), id -> "4|hello world");
        rpc = new Client(transport.newClient(), id -> "5|" + id + "|{\"m\":\"bench.echo\",\"p\":[\"hello world\"]}");
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void stop() {
        server.stop();
    }

    /** Raw strings. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int plainEcho() {
        return plain.roundTrips(BATCH);
    }

    /** JSON, decoded into a map and encoded again. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int jsonEcho() {
        return json.roundTrips(BATCH);
    }

    /** JSON with callback ids. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int callbackEcho() {
        return callbacks.roundTrips(BATCH);
    }

    /** Raw strings to a service that reads the caller's session. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int sessionEcho() {
        return sessions.roundTrips(BATCH);
    }

    /** rts-rpc: {@code bench.echo("hello world")}, the end-to-end comparison's rpc call without sockets. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int rpcEcho() {
        return rpc.roundTrips(BATCH);
    }

    /** The rpc methods of {@link #rpcEcho()}. */
    public static final class EchoActions {
        /**
         * Answers its argument.
         *
         * @param text any text
         * @return the same text
         */
        public String echo(String text) {
            return text;
        }
    }

    /** One in-memory client that keeps {@link #WINDOW} messages in flight and counts answers. */
    static final class Client implements ClientTransport.Listener {
        private final ClientTransport pipe;
        private final java.util.function.LongFunction<String> frames;
        private final AtomicInteger answered = new AtomicInteger();
        private volatile int total;
        private volatile int sent;
        private volatile Thread waiter;
        private volatile boolean connected;
        private volatile String failure;

        Client(ClientTransport pipe, java.util.function.LongFunction<String> frames) {
            this.pipe = pipe;
            this.frames = frames;
            pipe.open(this);
            pipe.send("0|1|{\"c\":\"connect\",\"sessionId\":false}");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!connected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The in-memory handshake did not complete within 10 s");
                }
                LockSupport.parkNanos(100_000);
            }
        }

        /** Sends {@code count} messages, at most {@link #WINDOW} unanswered, and returns once all are answered. */
        int roundTrips(int count) {
            answered.set(0);
            sent = 0;
            total = count;
            waiter = Thread.currentThread();
            int first = Math.min(WINDOW, count);
            for (int i = 0; i < first; i++) {
                sendNext();
            }
            long lastProgress = System.nanoTime();
            int seen = 0;
            while (answered.get() < count) {
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                int now = answered.get();
                if (now != seen) {
                    seen = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                    throw new IllegalStateException("No answer for 10 s after " + now + " of " + count);
                }
                LockSupport.parkNanos(this, STALL_NANOS / 100);
            }
            return answered.get();
        }

        private synchronized void sendNext() {
            if (sent < total) {
                pipe.send(frames.apply(++sent));
            }
        }

        @Override
        public void onOpen() {
        }

        @Override
        public void onText(String frame) {
            if (frame.startsWith("0|")) {
                if (frame.startsWith("0|1|")) {
                    connected = true;
                } else {
                    // Thrown here it would be lost on the server's thread: hand it to the waiting benchmark instead.
                    failure = "The server answered an error: " + frame;
                    LockSupport.unpark(waiter);
                }
                return;
            }
            if (frame.startsWith("5|") && frame.contains("|{\"e\":")) {
                // An rpc error answer (refused, failed) is not a round trip of the call under test.
                failure = "The rpc call failed: " + frame;
                LockSupport.unpark(waiter);
                return;
            }
            int done = answered.incrementAndGet();
            sendNext();
            if (done == total) {
                LockSupport.unpark(waiter);
            }
        }

        @Override
        public void onClose(int code, String reason) {
            failure = "The server closed the connection: " + code + " " + reason;
            LockSupport.unpark(waiter);
        }
    }
}
