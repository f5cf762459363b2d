package dev.rts.bench.presence;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rts.presence.Presence;
import dev.rts.presence.PresenceAuthorizer;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Mass join: N connections join one presence topic (default 5,000) while W connections watch it (default 100), all
 * over the testkit's in-memory transport in this process. Measures the time from the first join sent until every
 * watcher's folded list is exact, and the diff frames each watcher received.
 *
 * <pre>{@code
 * mvn -pl rts-bench -am package -DskipTests
 * java -cp "rts-bench/target/rts-bench-*.jar:rts-bench/target/lib/*" dev.rts.bench.presence.PresenceMassJoin 5000 100
 * }</pre>
 */
public final class PresenceMassJoin {

    private PresenceMassJoin() {
    }

    /** One watcher's view: the keys folded from its sync and diffs, and when it became exact. */
    private static final class Watcher {
        final Set<String> keys = new HashSet<>();
        final int expected;
        final CountDownLatch synced = new CountDownLatch(1);
        final CountDownLatch exact;
        volatile int diffs;
        volatile long exactAt;

        Watcher(int expected, CountDownLatch exact) {
            this.expected = expected;
            this.exact = exact;
        }

        synchronized void accept(String text) {
            JsonObject message = JsonParser.parseString(text).getAsJsonObject();
            if (message.has("sync")) {
                message.getAsJsonObject("s").keySet().forEach(keys::add);
                synced.countDown();
            } else if (message.has("diff")) {
                diffs++;
                message.getAsJsonObject("l").keySet().forEach(keys::remove);
                message.getAsJsonObject("j").keySet().forEach(keys::add);
                if (keys.size() == expected && exactAt == 0) {
                    exactAt = System.nanoTime();
                    exact.countDown();
                }
            }
        }
    }

    /**
     * Runs the benchmark and prints one line of figures.
     *
     * @param args joins (default 5000) and watchers (default 100)
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        int joins = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int watcherCount = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (TestServer server = TestServer.builder().discoverServices(false)
                .service(Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL).build())
                .timeout(Duration.ofSeconds(60))
                .start()) {
            CountDownLatch exact = new CountDownLatch(watcherCount);
            List<Watcher> watchers = new ArrayList<>();
            for (int i = 0; i < watcherCount; i++) {
                TestClient client = server.client();
                Watcher watcher = new Watcher(joins, exact);
                client.rtsClient().onMessage(m -> {
                    if (m.service().equals("presence") && !m.text().startsWith("{\"r\"")) {
                        watcher.accept(m.text());
                    }
                });
                client.send("presence", "{\"watch\":\"stadium\",\"r\":1}");
                watchers.add(watcher);
            }
            for (Watcher watcher : watchers) {
                if (!watcher.synced.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("A watcher got no sync within 60 s");
                }
            }
            List<TestClient> fans = new ArrayList<>();
            for (int i = 0; i < joins; i++) {
                fans.add(server.client());
            }
            long start = System.nanoTime();
            for (int i = 0; i < joins; i++) {
                fans.get(i).send("presence", "{\"join\":\"stadium\",\"meta\":{\"seat\":" + i + "}}");
            }
            if (!exact.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException((exact.getCount()) + " watchers were not exact after 120 s");
            }
            long[] millis = watchers.stream().mapToLong(w -> (w.exactAt - start) / 1_000_000).sorted().toArray();
            int[] frames = watchers.stream().mapToInt(w -> w.diffs).sorted().toArray();
            Set<String> truth = server.api().get("presence", Presence.class).list("stadium").stream()
                    .map(Presence.Member::key).collect(Collectors.toSet());
            boolean allExact = watchers.stream().allMatch(w -> w.keys.equals(truth)) && truth.size() == joins;
            System.out.printf("presence mass join: %d joins, %d watchers: every list exact after %d ms "
                            + "(median watcher %d ms); diff frames per watcher min %d, median %d, max %d; lists equal "
                            + "the server's: %b; %d cores%n", joins, watcherCount, millis[millis.length - 1],
                    millis[millis.length / 2], frames[0], frames[frames.length / 2], frames[frames.length - 1],
                    allExact, Runtime.getRuntime().availableProcessors());
            if (!allExact) {
                throw new IllegalStateException("Watchers' lists differ from the server's: " + Arrays.toString(frames));
            }
        }
    }
}
