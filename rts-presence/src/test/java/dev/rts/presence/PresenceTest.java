package dev.rts.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One server: joining, leaving, updating, tabs, grace period, refusals. */
@Timeout(20)
class PresenceTest {

    private static final Duration GRACE = Duration.ofMillis(300);

    private final TestServer server = TestServer.builder()
            .service(Presence.builder()
                    .authorizer(new PresenceAuthorizer() {
                        @Override
                        public boolean mayJoin(dev.rts.api.Session session, String topic) {
                            return !topic.startsWith("staff:");
                        }

                        @Override
                        public boolean mayWatch(dev.rts.api.Session session, String topic) {
                            return !topic.startsWith("secret:");
                        }
                    })
                    .gracePeriod(GRACE)
                    .batchInterval(Duration.ofMillis(20))
                    .maxTopicsPerConnection(2)
                    .maxMetaBytes(64)
                    .build())
            .start();
    private final Presence presence = server.api().get("presence", Presence.class);
    private final Peers.Recording events = new Peers.Recording();

    {
        presence.addListener(events);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private TestClient signedIn(String user) {
        TestClient client = server.client();
        server.session(client.sessionId()).setUserId(user);
        return client;
    }

    @Test
    void joinUpdateAndLeaveReachAWatcherAsOneSyncThenDiffs() throws Exception {
        TestClient watcher = server.client();
        TestClient ann = signedIn("ann");
        assertThat(Peers.watch(watcher, "room", false)).isEqualTo(Map.of("sync", "room", "s", Map.of()));

        String ref = (String) Peers.ok(ann, "{\"join\":\"room\",\"meta\":{\"name\":\"Ann\"}}").get("ref");

        Map<String, Object> meta = Map.of("name", "Ann", "ref", ref);
        assertThat(Peers.next(watcher)).isEqualTo(Map.of("diff", "room", "j", Map.of("ann", List.of(meta)),
                "l", Map.of()));
        assertThat(events.next(server.timeout())).isEqualTo("join room ann");
        assertThat(presence.list("room")).containsExactly(new Presence.Member("ann", List.of(meta)));

        Peers.ok(ann, "{\"update\":\"room\",\"meta\":{\"name\":\"Ann\",\"typing\":true}}");
        assertThat(Peers.next(watcher)).isEqualTo(Map.of("diff", "room",
                "j", Map.of("ann", List.of(Map.of("name", "Ann", "typing", true, "ref", ref))),
                "l", Map.of("ann", List.of(meta))));

        Peers.ok(ann, "{\"leave\":\"room\"}");
        assertThat(Peers.next(watcher)).isEqualTo(Map.of("diff", "room", "j", Map.of(),
                "l", Map.of("ann", List.of(Map.of("name", "Ann", "typing", true, "ref", ref)))));
        assertThat(events.next(server.timeout())).isEqualTo("leave room ann");
        assertThat(presence.count("room")).isZero();
    }

    @Test
    void twoTabsOfOneUserAreOneKeyWithTwoMetasThatLeavesAfterBoth() throws Exception {
        TestClient first = signedIn("ann");
        TestClient second = server.client(first.sessionId());
        Peers.ok(first, "{\"join\":\"room\",\"meta\":{\"tab\":1}}");
        Peers.ok(second, "{\"join\":\"room\",\"meta\":{\"tab\":2}}");
        assertThat(events.next(server.timeout())).isEqualTo("join room ann");

        assertThat(presence.count("room")).isEqualTo(1);
        assertThat(presence.list("room").get(0).metas()).extracting(m -> m.get("tab")).containsExactly(1L, 2L);

        first.disconnect();
        events.assertNoneWithin(GRACE.multipliedBy(2));
        assertThat(presence.list("room").get(0).metas()).extracting(m -> m.get("tab")).containsExactly(2L);

        second.disconnect();
        assertThat(events.next(server.timeout())).isEqualTo("leave room ann");
        assertThat(presence.list("room")).isEmpty();
    }

    @Test
    void aReconnectWithinTheGracePeriodShowsNoLeaveAndNoJoin() throws Exception {
        TestClient watcher = server.client();
        TestClient ann = signedIn("ann");
        Peers.watch(watcher, "room", false);
        Peers.ok(ann, "{\"join\":\"room\",\"meta\":{\"name\":\"Ann\"}}");
        Map<String, Object> joined = Peers.next(watcher);
        assertThat(events.next(server.timeout())).isEqualTo("join room ann");

        ann.reconnect();
        Peers.ok(ann, "{\"join\":\"room\",\"meta\":{\"name\":\"Ann\"}}");

        watcher.assertNoMessageWithin("presence", GRACE.multipliedBy(2));
        events.assertNoneWithin(Duration.ZERO);
        assertThat(presence.list("room").get(0).metas()).containsExactlyElementsOf(
                ((Map<String, List<Map<String, Object>>>) joined.get("j")).get("ann"));
    }

    @Test
    void aConnectionThatIsNotBackWithinTheGracePeriodLeaves() throws Exception {
        TestClient ann = signedIn("ann");
        Peers.ok(ann, "{\"join\":\"room\",\"meta\":{}}");
        assertThat(events.next(server.timeout())).isEqualTo("join room ann");

        long closed = System.nanoTime();
        ann.disconnect();

        assertThat(events.next(server.timeout())).isEqualTo("leave room ann");
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isGreaterThanOrEqualTo(GRACE);
    }

    @Test
    void anonymousSessionsGetAnOpaqueKeyNotTheirSessionId() {
        TestClient anonymous = server.client();
        Peers.ok(anonymous, "{\"join\":\"room\"}");

        String key = presence.list("room").get(0).key();
        assertThat(key).matches("~[0-9a-f]{16}").doesNotContain(anonymous.sessionId());
    }

    @Test
    void theAuthorizerRefusesJoinsAndWatchesWithAClearError() {
        TestClient client = server.client();

        assertThat(Peers.request(client, "{\"join\":\"staff:room\"}")).isEqualTo(Map.of("r", "t", "error",
                "Not allowed to join presence topic 'staff:room': the server's PresenceAuthorizer refused it"));
        assertThat(Peers.request(client, "{\"watch\":\"secret:x\"}")).isEqualTo(Map.of("r", "t", "error",
                "Not allowed to watch presence topic 'secret:x': the server's PresenceAuthorizer refused it"));
        assertThat(presence.count("staff:room")).isZero();
        client.assertNoMoreMessages();
    }

    @Test
    void boundsAreRefusedNamingTheBoundAndItsValue() {
        TestClient client = server.client();
        Peers.ok(client, "{\"join\":\"a\"}");
        Peers.ok(client, "{\"join\":\"b\"}");

        assertThat(Peers.request(client, "{\"join\":\"c\"}")).containsEntry("error", "Presence bound "
                + "maxTopicsPerConnection (2) reached: this connection is already in 2 topics; leave one first");
        assertThat(Peers.request(client, "{\"update\":\"a\",\"meta\":{\"bio\":\"" + "x".repeat(80) + "\"}}"))
                .containsEntry("error", "Presence bound maxMetaBytes (64) exceeded: the meta is 90 bytes of JSON");
        assertThat(Peers.request(client, "{\"join\":\"bad\\u0001topic\"}")).containsEntry("error",
                "A presence topic is 1 to 128 characters without control characters but was 'bad\u0001topic'");
        assertThat(Peers.request(client, "{\"join\":\"a\",\"meta\":[1]}")).containsEntry("error",
                "A presence meta must be a JSON object but was an array");
        assertThat(Peers.request(client, "{\"dance\":true}")).containsEntry("error", "Unknown presence request: "
                + "expected a 'join', 'update', 'leave', 'watch' or 'unwatch' key but got [dance, r]");
        assertThat(Peers.request(client, "{\"update\":\"zzz\"}")).containsEntry("error",
                "Not in topic 'zzz': join it before updating its meta");
    }

    @Test
    void membersPerTopicAndWatchesPerConnectionAreRefusedNamingTheBoundAndItsValue() {
        TestServer small = TestServer.builder()
                .service(Presence.builder().authorizer(PresenceAuthorizer.ALLOW_ALL)
                        .maxMembersPerTopic(2).maxWatchesPerConnection(1).build())
                .start();
        try {
            TestClient ann = small.client();
            small.session(ann.sessionId()).setUserId("ann");
            TestClient bob = small.client();
            small.session(bob.sessionId()).setUserId("bob");
            TestClient cat = small.client();
            small.session(cat.sessionId()).setUserId("cat");
            Peers.ok(ann, "{\"join\":\"room\"}");
            Peers.ok(bob, "{\"join\":\"room\"}");

            assertThat(Peers.request(cat, "{\"join\":\"room\"}")).containsEntry("error",
                    "Presence bound maxMembersPerTopic (2) reached: topic 'room' has 2 members");
            TestClient annAgain = small.client(ann.sessionId());
            Peers.ok(annAgain, "{\"join\":\"room\"}");

            Peers.watch(cat, "room", false);
            assertThat(Peers.request(cat, "{\"watch\":\"hall\"}")).containsEntry("error",
                    "Presence bound maxWatchesPerConnection (1) reached: this connection already watches 1 topics; "
                            + "unwatch one first");
        } finally {
            small.stop();
        }
    }

    @Test
    void countOnlyWatchersGetTheNumberNotTheList() {
        TestClient counter = server.client();
        assertThat(Peers.watch(counter, "hall", true)).isEqualTo(Map.of("count", "hall", "n", 0L));

        Peers.ok(signedIn("ann"), "{\"join\":\"hall\"}");
        assertThat(Peers.next(counter)).isEqualTo(Map.of("count", "hall", "n", 1L));
        TestClient bob = signedIn("bob");
        Peers.ok(bob, "{\"join\":\"hall\",\"meta\":{\"x\":1}}");
        assertThat(Peers.next(counter)).isEqualTo(Map.of("count", "hall", "n", 2L));
        Peers.ok(bob, "{\"update\":\"hall\",\"meta\":{\"x\":2}}");
        Peers.ok(bob, "{\"leave\":\"hall\"}");

        assertThat(Peers.next(counter)).isEqualTo(Map.of("count", "hall", "n", 1L));
        counter.assertNoMoreMessages();
    }

    @Test
    void serverCodeTracksAndUntracksConnections() throws Exception {
        TestClient ann = signedIn("ann");

        String ref = presence.track(ann.socketId(), "staff:room", Map.of("role", "admin"));

        assertThat(presence.list("staff:room")).containsExactly(new Presence.Member("ann",
                List.of(Map.of("role", "admin", "ref", ref))));
        assertThat(events.next(server.timeout())).isEqualTo("join staff:room ann");
        assertThat(presence.untrack(ann.socketId(), "staff:room")).isTrue();
        assertThat(events.next(server.timeout())).isEqualTo("leave staff:room ann");
        assertThat(presence.untrack(ann.socketId(), "staff:room")).isFalse();
    }
}
