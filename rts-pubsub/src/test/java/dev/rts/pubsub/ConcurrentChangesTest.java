package dev.rts.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.core.InProcessBus;
import dev.rts.pubsub.internal.DefaultPubSub;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Publishing, subscribing, signing in and out, and tabs coming and going, all at once. */
@Timeout(30)
class ConcurrentChangesTest {

    private static final List<String> CHANNELS = List.of("a", "b", "c", "d");
    private static final List<String> USERS = List.of("ann", "bob");

    @Test
    void theIndexMatchesTheConnectedSessionsAfterConcurrentChangesAndEmptiesWhenEveryoneLeaves() throws Exception {
        InProcessBus backplane = InProcessBus.create();
        ConnectionProbe probe = new ConnectionProbe();
        try (TestServer server = TestServer.builder()
                .service(PubSub.builder().build())
                .configure(b -> b.clusterBus(backplane.connect()))
                .service(probe)
                .start()) {
            PubSub pubsub = server.api().get("pubsub", PubSub.class);
            DefaultPubSub internals = (DefaultPubSub) pubsub;
            List<TestClient> firstTabs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                firstTabs.add(server.client());
            }
            List<String> sessions = firstTabs.stream().map(TestClient::sessionId).toList();
            // Sessions 4 to 7 keep no tab open: their tabs come and go below, so they enter and leave the index.
            List<TestClient> stayingTabs = firstTabs.subList(0, 4);
            for (TestClient tab : firstTabs.subList(4, 8)) {
                tab.disconnect();
                probe.awaitDisconnect(server.timeout());
            }

            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    work.add(threads.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < 300; i++) {
                            String session = sessions.get(random.nextInt(sessions.size()));
                            String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
                            switch (random.nextInt(5)) {
                                case 0 -> pubsub.channels(session).unsubscribe(channel);
                                case 1 -> server.session(session).setUserId(random.nextBoolean() ? null
                                        : USERS.get(random.nextInt(USERS.size())));
                                case 2 -> pubsub.channels(session).reset();
                                default -> pubsub.channels(session).subscribe(channel);
                            }
                        }
                        return null;
                    }));
                }
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        TestClient tab = server.client(sessions.get(4 + i % 4));
                        tab.disconnect();
                        probe.awaitDisconnect(server.timeout());
                    }
                    return null;
                }));
                for (int i = 0; i < 2000; i++) {
                    pubsub.channel(CHANNELS, "tick", i);
                    pubsub.user(USERS, "tick", i);
                    pubsub.all("tick", i);
                }
                for (Future<?> done : work) {
                    done.get(20, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }

            Map<String, Set<String>> expected = new TreeMap<>();
            for (String session : sessions.subList(0, 4)) {
                for (String channel : pubsub.channels(session).list()) {
                    expected.computeIfAbsent(channel, k -> new TreeSet<>()).add(session);
                }
            }
            Map<String, Set<String>> indexed = new TreeMap<>();
            for (String channel : internals.localChannels()) {
                indexed.put(channel, new TreeSet<>(internals.localSessionsOf(channel)));
            }
            assertThat(indexed).isEqualTo(expected);
            Set<String> expectedTopics = new TreeSet<>(Set.of("pubsub:all"));
            expected.keySet().forEach(channel -> expectedTopics.add("pubsub:channel:" + channel));
            for (String session : sessions.subList(0, 4)) {
                server.session(session).userId().ifPresent(user -> expectedTopics.add("pubsub:user:" + user));
            }
            assertThat(new TreeSet<>(backplane.topics())).isEqualTo(expectedTopics);

            stayingTabs.forEach(TestClient::disconnect);
            for (int i = 0; i < stayingTabs.size(); i++) {
                probe.awaitDisconnect(server.timeout());
            }
            assertThat(internals.localSessionCount()).isZero();
            assertThat(internals.localChannels()).isEmpty();
            assertThat(backplane.topics()).containsExactly("pubsub:all");
        } finally {
            backplane.close();
        }
    }
}
