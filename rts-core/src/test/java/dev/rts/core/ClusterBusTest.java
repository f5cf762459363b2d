package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.ClusterBus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's cluster bus: one per server, a view per service, the in-process bus, and discovery. */
@Timeout(10)
class ClusterBusTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final InProcessBus bus = InProcessBus.create();
    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
        bus.close();
    }

    /** Records messages as {@code "<topic> <text>"} and link changes as {@code "lost"} / {@code "restored"}. */
    static final class Recorder implements ClusterBus.Listener, ClusterBus.LinkListener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(String topic, byte[] message) {
            threads.add(Thread.currentThread());
            events.add(topic + " " + new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void linkLost() {
            events.add("lost");
        }

        @Override
        public void linkRestored() {
            events.add("restored");
        }

        String next() throws InterruptedException {
            String event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("a bus event within %s", WAIT).isNotNull();
            return event;
        }

        /** Nothing more arrives before a marker published now on a topic this recorder listens to. */
        void assertNothingBefore(ClusterBus publisher, String topic) throws InterruptedException {
            publisher.publish(topic, bytes("marker"));
            assertThat(next()).endsWith(" marker");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void servicesTopicsLiveUnderTheirMountNameAndDoNotCollide() throws Exception {
        FakeService one = FakeService.named("one");
        FakeService two = FakeService.named("two");
        ClusterBus node = bus.connect("web-1");
        fixture.start(fixture.builder().service(one).service(two).clusterBus(node));
        Recorder ofOne = new Recorder();
        Recorder ofTwo = new Recorder();
        Recorder raw = new Recorder();
        one.context().bus().subscribe("news", ofOne).toCompletableFuture().join();
        two.context().bus().subscribe("news", ofTwo).toCompletableFuture().join();
        bus.connect("observer").subscribe("one:news", raw);

        one.context().bus().publish("news", bytes("hi"));

        assertThat(ofOne.next()).isEqualTo("news hi");
        assertThat(raw.next()).isEqualTo("one:news hi");
        assertThat(ofOne.threads.take()).isNotSameAs(Thread.currentThread());
        two.context().bus().publish("news", bytes("two's"));
        assertThat(ofTwo.next()).isEqualTo("news two's");
        ofOne.assertNothingBefore(one.context().bus(), "news");
        assertThat(one.context().bus().nodeId()).isEqualTo("web-1");
        assertThat(bus.topics()).containsExactly("one:news", "two:news");
    }

    @Test
    void messagesOfOnePublisherArriveInOrderOnEveryNode() throws Exception {
        ClusterBus a = bus.connect("a");
        ClusterBus b = bus.connect("b");
        Recorder onA = new Recorder();
        Recorder onB = new Recorder();
        a.subscribe("t", onA);
        b.subscribe("t", onB);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            a.publish("t", bytes(Integer.toString(i)));
            expected.add("t " + i);
        }
        List<String> gotA = new ArrayList<>();
        List<String> gotB = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            gotA.add(onA.next());
            gotB.add(onB.next());
        }
        assertThat(gotA).isEqualTo(expected);
        assertThat(gotB).isEqualTo(expected);
    }

    @Test
    void subscribingAnEqualListenerTwiceIsOneSubscription() throws Exception {
        ClusterBus a = bus.connect("a");
        Recorder listener = new Recorder();
        a.subscribe("t", listener);
        a.subscribe("t", listener);

        a.publish("t", bytes("once"));

        assertThat(listener.next()).isEqualTo("t once");
        listener.assertNothingBefore(a, "t");
        a.unsubscribe("t", listener);
        assertThat(bus.topics()).isEmpty();
    }

    @Test
    void aCutLinkLosesMessagesTellsLinkListenersAndKeepsSubscriptionsForItsReturn() throws Exception {
        ClusterBus a = bus.connect("a");
        ClusterBus b = bus.connect("b");
        Recorder onB = new Recorder();
        b.subscribe("t", onB);
        b.addLinkListener(onB);

        bus.cut(b);
        assertThat(onB.next()).isEqualTo("lost");
        a.publish("t", bytes("missed"));
        assertThatThrownBy(() -> b.publish("t", bytes("x")).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("In-process bus node b is cut off (its link is down)");
        bus.restore(b);

        assertThat(onB.next()).isEqualTo("restored");
        a.publish("t", bytes("after"));
        assertThat(onB.next()).isEqualTo("t after");
        b.removeLinkListener(onB);
        bus.cut(b);
        bus.restore(b);
        onB.assertNothingBefore(b, "t");
    }

    @Test
    void servicesCannotCloseTheBusAndWhatAStoppedServiceLeftIsDropped() throws Exception {
        FakeService service = FakeService.named("chat");
        ClusterBus node = bus.connect("a");
        fixture.start(fixture.builder().service(service).clusterBus(node));
        Recorder recorder = new Recorder();
        ClusterBus view = service.context().bus();
        view.subscribe("room", recorder);
        view.addLinkListener(recorder);

        assertThatThrownBy(view::close).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("The cluster bus belongs to the server; service 'chat' cannot close it");
        fixture.server().stop();

        assertThat(bus.topics()).isEmpty();
        bus.cut(node);
        bus.restore(node);
        Recorder after = new Recorder();
        node.subscribe("x", after);
        after.assertNothingBefore(node, "x");
        assertThat(recorder.events).isEmpty();
        assertThat(node.publish("x", bytes("open")).toCompletableFuture().join()).isNull();
    }

    @Test
    void theOnlyProviderFoundSuppliesTheBusAndTheServerClosesIt() throws Exception {
        FakeService service = FakeService.named("chat");
        ServiceDiscoveryTest.withExtraProviders("bus", () -> fixture.start(fixture.builder().service(service)));

        ClusterBus created = TestBusProviders.CREATED.get(TestBusProviders.CREATED.size() - 1);
        assertThat(service.context().bus().nodeId()).isEqualTo(created.nodeId()).startsWith("provided-");
        fixture.server().stop();

        assertThatThrownBy(() -> created.publish("x", bytes("late")).toCompletableFuture().join())
                .hasMessageContaining("is closed");
    }

    @Test
    void twoProvidersAreRefusedNamingBoth() {
        RtsServerBuilder builder = fixture.builder();
        assertThatThrownBy(() -> ServiceDiscoveryTest.withExtraProviders("two-buses", () -> fixture.start(builder)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Found 2 cluster bus providers (first dev.rts.core.TestBusProviders$First, second "
                        + "dev.rts.core.TestBusProviders$Second); pass one with RtsServer.builder().clusterBus(...)");
    }

    @Test
    void withoutABusEachServerHasAPrivateOneReachingOnlyItself() throws Exception {
        FakeService service = FakeService.named("chat");
        fixture.start(fixture.builder().service(service));
        Recorder recorder = new Recorder();
        ClusterBus view = service.context().bus();
        view.subscribe("t", recorder);

        view.publish("t", bytes("self"));

        assertThat(recorder.next()).isEqualTo("t self");
        assertThat(view.nodeId()).matches("[0-9a-f]{16}");
        assertThat(bus.topics()).isEmpty();
    }

    @Test
    void nodeIdsAreCheckedAndUnique() {
        bus.connect("a");
        assertThatThrownBy(() -> bus.connect("a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nodeId 'a' is already connected to this bus");
        assertThatThrownBy(() -> bus.connect("a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nodeId must be 1 to 64 characters of [A-Za-z0-9_.-] but was 'a b'");
    }
}
