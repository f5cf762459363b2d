package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.ClusterBus;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestCluster;
import dev.rts.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two or three servers sharing one in-process bus, with short timings so that the tests stay fast. */
@Timeout(30)
class PresenceClusterTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(50);
    private static final Duration NODE_TIMEOUT = Duration.ofMillis(400);

    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private TestCluster start(int servers) {
        return start(servers, NODE_TIMEOUT);
    }

    private TestCluster start(int servers, Duration nodeTimeout) {
        cluster = TestCluster.start(servers, server -> server.service(Presence.builder()
                .authorizer(PresenceAuthorizer.ALLOW_ALL)
                .batchInterval(Duration.ofMillis(20))
                .heartbeatInterval(HEARTBEAT)
                .nodeTimeout(nodeTimeout)
                .gracePeriod(Duration.ofMillis(100))
                .build()));
        return cluster;
    }

    private static Presence presence(TestServer server) {
        return server.api().get("presence", Presence.class);
    }

    private static Peers.Recording listen(TestServer server) {
        Peers.Recording events = new Peers.Recording();
        presence(server).addListener(events);
        return events;
    }

    private static TestClient signedIn(TestServer server, String user) {
        TestClient client = server.client();
        server.session(client.sessionId()).setUserId(user);
        return client;
    }

    @Test
    void aMemberOnOneServerIsSeenOnTheOthersWithTheSameList() throws Exception {
        start(3);
        Peers.Recording onSecond = listen(cluster.server(1));
        TestClient watcherOnThird = cluster.server(2).client();
        Peers.watch(watcherOnThird, "room", false);

        String ref = (String) Peers.ok(signedIn(cluster.server(0), "ann"),
                "{\"join\":\"room\",\"meta\":{\"name\":\"Ann\"}}").get("ref");
        assertThat(onSecond.next(cluster.server(1).timeout())).isEqualTo("join room ann");
        assertThat(Peers.next(watcherOnThird).get("j"))
                .isEqualTo(Map.of("ann", List.of(Map.of("name", "Ann", "ref", ref))));
        Peers.ok(signedIn(cluster.server(1), "ann"), "{\"join\":\"room\",\"meta\":{\"name\":\"Ann 2\"}}");
        assertThat(Peers.next(watcherOnThird).get("j")).isEqualTo(Map.of("ann", List.of(Map.of("name", "Ann 2",
                "ref", "node-1.1"))));
        List<Presence.Member> first = presence(cluster.server(0)).list("room");
        assertThat(first).singleElement().satisfies(m -> assertThat(m.metas()).hasSize(2));
        assertThat(presence(cluster.server(1)).list("room")).isEqualTo(first);
        assertThat(presence(cluster.server(2)).list("room")).isEqualTo(first);
    }

    @Test
    void aServerThatStopsWithoutGoodbyeLosesItsMembersEverywhereWithinTheNodeTimeout() throws Exception {
        start(3);
        Peers.Recording onFirst = listen(cluster.server(0));
        Peers.Recording onThird = listen(cluster.server(2));
        Peers.ok(signedIn(cluster.server(1), "bob"), "{\"join\":\"room\"}");
        assertThat(onFirst.next(cluster.server(0).timeout())).isEqualTo("join room bob");
        assertThat(onThird.next(cluster.server(0).timeout())).isEqualTo("join room bob");

        long crashed = System.nanoTime();
        cluster.crash(cluster.server(1));

        assertThat(onFirst.next(NODE_TIMEOUT.multipliedBy(3))).isEqualTo("leave room bob");
        assertThat(onThird.next(NODE_TIMEOUT.multipliedBy(3))).isEqualTo("leave room bob");
        Duration took = Duration.ofNanos(System.nanoTime() - crashed);
        assertThat(took).isGreaterThanOrEqualTo(NODE_TIMEOUT.minus(HEARTBEAT))
                .isLessThan(NODE_TIMEOUT.plus(HEARTBEAT.multipliedBy(4)));
        assertThat(presence(cluster.server(0)).count("room")).isZero();
    }

    @Test
    void aServerThatSaysGoodbyeLosesItsMembersAtOnce() throws Exception {
        Duration longTimeout = Duration.ofSeconds(20);
        start(2, longTimeout);
        Peers.Recording onFirst = listen(cluster.server(0));
        Peers.ok(signedIn(cluster.server(1), "bob"), "{\"join\":\"room\"}");
        assertThat(onFirst.next(cluster.server(0).timeout())).isEqualTo("join room bob");

        long stopped = System.nanoTime();
        cluster.server(1).stop();

        assertThat(onFirst.next(cluster.server(0).timeout())).isEqualTo("leave room bob");
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(longTimeout);
    }

    @Test
    void aServerThatStartsLateSeesEveryone() throws Exception {
        start(2);
        Peers.Recording onSecond = listen(cluster.server(1));
        Peers.ok(signedIn(cluster.server(0), "ann"), "{\"join\":\"room\"}");
        Peers.ok(signedIn(cluster.server(1), "bob"), "{\"join\":\"room\"}");
        onSecond.next(cluster.server(1).timeout());
        onSecond.next(cluster.server(1).timeout());

        TestServer late = cluster.add();
        TestClient watcher = late.client();
        Map<String, Object> folded = new HashMap<>(castMap(Peers.watch(watcher, "room", false).get("s")));
        while (folded.size() < 2) {
            folded.putAll(castMap(Peers.next(watcher).get("j")));
        }

        assertThat(folded.keySet()).containsExactlyInAnyOrder("ann", "bob");
        assertThat(presence(late).list("room")).isEqualTo(presence(cluster.server(0)).list("room"));
    }

    @Test
    void aNodeWhoseBusLinkComesBackResynchronisesBothWays() throws Exception {
        start(2);
        Peers.Recording onFirst = listen(cluster.server(0));
        Peers.Recording onSecond = listen(cluster.server(1));
        TestClient ann = signedIn(cluster.server(1), "ann");
        Peers.ok(ann, "{\"join\":\"room\"}");
        assertThat(onFirst.next(cluster.server(0).timeout())).isEqualTo("join room ann");
        assertThat(onSecond.next(cluster.server(0).timeout())).isEqualTo("join room ann");
        ClusterBus second = cluster.node(cluster.server(1));

        cluster.bus().cut(second);
        Peers.ok(ann, "{\"leave\":\"room\"}");
        assertThat(onSecond.next(cluster.server(0).timeout())).isEqualTo("leave room ann");
        Peers.ok(signedIn(cluster.server(0), "bob"), "{\"join\":\"room\"}");
        assertThat(onFirst.next(cluster.server(0).timeout())).isEqualTo("join room bob");
        cluster.bus().restore(second);

        assertThat(onFirst.next(cluster.server(0).timeout())).isEqualTo("leave room ann");
        assertThat(onSecond.next(cluster.server(0).timeout())).isEqualTo("join room bob");
        assertThat(presence(cluster.server(1)).list("room")).isEqualTo(presence(cluster.server(0)).list("room"));
    }

    @Test
    void applyingTheSameUpdateTwiceChangesNothing() throws Exception {
        start(1);
        Peers.Recording events = listen(cluster.server(0));
        ClusterBus fake = cluster.bus().connect("fake");
        byte[] delta = ("{\"v\":\"1\",\"type\":\"d\",\"n\":\"fake\",\"e\":\"x\",\"s\":1,\"ops\":[{\"r\":\"fake.1\","
                + "\"t\":\"room\",\"k\":\"zoe\",\"m\":{\"ref\":\"fake.1\"}}]}").getBytes(StandardCharsets.UTF_8);

        fake.publish("presence:sync", delta);
        fake.publish("presence:sync", delta);
        assertThat(events.next(cluster.server(0).timeout())).isEqualTo("join room zoe");
        fake.publish("presence:sync", ("{\"v\":\"1\",\"type\":\"h\",\"n\":\"fake\",\"e\":\"x\",\"s\":1}")
                .getBytes(StandardCharsets.UTF_8));

        events.assertNoneWithin(HEARTBEAT.multipliedBy(3));
        assertThat(presence(cluster.server(0)).list("room")).containsExactly(new Presence.Member("zoe",
                List.of(Map.of("ref", "fake.1"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
