package dev.rts.bench.binary;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.client.ClientMessage;
import dev.rts.client.RtsClient;
import dev.rts.core.RtsServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A 64 KiB payload echoed over a real loopback WebSocket (Undertow server, JDK client), as bytes in binary frames
 * beside the same payload as base64 in text frames. Both services use the bytes: the binary one answers with them,
 * the text one decodes the base64 and encodes it again, as a service receiving an image as base64 must; the client
 * encodes and decodes base64 too. Prints payload bytes echoed per second (MiB/s, payload only, one direction).
 *
 * <pre>
 * java -cp ... dev.rts.bench.binary.BinaryEchoBench [seconds per run, default 5] [rounds, default 3]
 * </pre>
 */
public final class BinaryEchoBench {

    /** The payload size: 64 KiB. */
    public static final int PAYLOAD = 64 * 1024;
    /** Round trips in flight per client. */
    static final int WINDOW = 4;

    private BinaryEchoBench() {
    }

    /** Echoes bytes as bytes, base64 text as base64 text. */
    static final class Echo implements Service {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.CALLBACKS, Feature.BINARY);
        }

        @Override
        public Object start(ServiceContext ctx) {
            ctx.onMessage((message, request, reply) -> {
                if (message.isBinary()) {
                    reply.sendBytes(message.buffer());
                } else {
                    byte[] bytes = Base64.getDecoder().decode(message.text());
                    reply.send(Base64.getEncoder().encodeToString(bytes));
                }
            });
            return null;
        }
    }

    /** A running server and one connected client. */
    static final class Rig implements AutoCloseable {
        final RtsServer server;
        final RtsClient client;

        Rig() {
            // The base64 text of 64 KiB is 87,384 characters: the frame limit must let it in. The default rate limit
            // (100 messages/s per socket) would cap the echo, so it is off.
            server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0)
                    .maxFrameSize(2 * PAYLOAD).noMessageRateLimit().service(new Echo()).build();
            server.start();
            client = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + server.port() + "/")).reconnect(false)
                    .build();
            client.connect().orTimeout(10, TimeUnit.SECONDS).join();
        }

        /** One binary round trip: returns the echoed bytes. */
        CompletableFuture<byte[]> binary(byte[] payload) {
            return client.service("echo").callBytes(ByteBuffer.wrap(payload)).thenApply(ClientMessage::bytes);
        }

        /** One base64 round trip, encoding and decoding included: returns the echoed bytes. */
        CompletableFuture<byte[]> base64(byte[] payload) {
            return client.service("echo").call(Base64.getEncoder().encodeToString(payload))
                    .thenApply(answer -> Base64.getDecoder().decode(answer.text().getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public void close() {
            client.disconnect();
            server.stop();
        }
    }

    /**
     * Runs round trips for a while, {@link #WINDOW} in flight, checking every answer.
     *
     * @return round trips completed per second
     */
    static double roundTripsPerSecond(Function<byte[], CompletableFuture<byte[]>> echo, byte[] payload,
                                      long nanos) {
        Deque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
        long start = System.nanoTime();
        long done = 0;
        while (System.nanoTime() - start < nanos || !inFlight.isEmpty()) {
            while (inFlight.size() < WINDOW && System.nanoTime() - start < nanos) {
                inFlight.add(echo.apply(payload));
            }
            byte[] answer = inFlight.poll().orTimeout(10, TimeUnit.SECONDS).join();
            if (!Arrays.equals(answer, payload)) {
                throw new IllegalStateException("The echo changed the payload");
            }
            done++;
        }
        return done * 1e9 / (System.nanoTime() - start);
    }

    /**
     * Runs the comparison and prints one line per run.
     *
     * @param args seconds per run and rounds
     */
    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[] payload = new byte[PAYLOAD];
        ThreadLocalRandom.current().nextBytes(payload);
        try (Rig rig = new Rig()) {
            // Warm-up: JIT and connection buffers.
            roundTripsPerSecond(rig::binary, payload, TimeUnit.SECONDS.toNanos(2));
            roundTripsPerSecond(rig::base64, payload, TimeUnit.SECONDS.toNanos(2));
            for (int round = 1; round <= rounds; round++) {
                double binary = roundTripsPerSecond(rig::binary, payload, TimeUnit.SECONDS.toNanos(seconds));
                double base64 = roundTripsPerSecond(rig::base64, payload, TimeUnit.SECONDS.toNanos(seconds));
                System.out.printf("round %d: binary %.0f echoes/s = %.1f MiB/s; base64 text %.0f echoes/s = %.1f MiB/s;"
                        + " binary/base64 = %.2f%n", round, binary, binary * PAYLOAD / (1 << 20), base64,
                        base64 * PAYLOAD / (1 << 20), binary / base64);
            }
        }
    }
}
