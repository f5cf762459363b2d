package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ServerLifecycleTest {

    private final ServerFixture fixture = new ServerFixture();
    private final Queue<String> lifecycle = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private FakeService recorded(String name) {
        return FakeService.named(name).recordLifecycleIn(lifecycle);
    }

    @Test
    void serviceThatFailsToStartFailsStartupAndEarlierServicesAreStopped() {
        IOException cause = new IOException("disk full");
        RtsServerBuilder builder = fixture.builder()
                .service(recorded("first"))
                .service(recorded("second"))
                .service(recorded("broken").failStartWith(cause))
                .service(recorded("never"));

        assertThatThrownBy(() -> fixture.start(builder))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Service 'broken' (dev.rts.core.FakeService) failed to start: disk full")
                .hasCause(cause);
        assertThat(lifecycle).containsExactly("start first", "start second", "start broken", "stop second",
                "stop first");
    }

    @Test
    void serviceFailingWithoutMessageIsNamedByTheExceptionType() {
        RtsServerBuilder builder = fixture.builder().service(recorded("broken").failStartWith(new IOException()));

        assertThatThrownBy(() -> fixture.start(builder))
                .hasMessage("Service 'broken' (dev.rts.core.FakeService) failed to start: IOException");
    }

    @Test
    void transportThatFailsToStartFailsStartupAndStopsEveryService() {
        fixture.transport().failingWith(new IllegalStateException("Keystore 'server.p12' is missing"));
        RtsServerBuilder builder = fixture.builder().service(recorded("first")).service(recorded("second"));

        assertThatThrownBy(() -> fixture.start(builder))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Transport 'memory' failed to start: Keystore 'server.p12' is missing")
                .hasCauseExactlyInstanceOf(IllegalStateException.class);
        assertThat(lifecycle).containsExactly("start first", "start second", "stop second", "stop first");
    }

    @Test
    void aTakenPortIsNamedPlainly() {
        fixture.transport().failingWith(new IOException("Failed to bind",
                new BindException("Address already in use")));
        RtsServerBuilder builder = fixture.builder().host("127.0.0.1").port(4321).service(recorded("first"));

        assertThatThrownBy(() -> fixture.start(builder))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Transport 'memory' failed to start: port 4321 on 127.0.0.1 is already in use (or not "
                        + "allowed); choose another with port(...), or 0 for any free one");
        assertThat(lifecycle).containsExactly("start first", "stop first");
    }

    @Test
    void withoutATransportOnTheClassPathStartupFailsAndNamesTheFix() {
        RtsServerBuilder builder = RtsServer.builder().discoverServices(false).service(recorded("first"));
        RtsServer server = builder.build();

        assertThatThrownBy(server::start)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("No transport found: add rts-transport-undertow to the class path, or pass one with "
                        + "RtsServer.builder().transport(...)");
        assertThat(lifecycle).containsExactly("start first", "stop first");
    }

    @Test
    void failedStartCannotBeRetriedAndStoppingItStopsNothingTwice() {
        RecordingSessionStore store = new RecordingSessionStore(Duration.ofHours(1), Clock.systemUTC());
        RtsServerBuilder builder = fixture.builder().sessionStore(store).service(recorded("first"))
                .service(recorded("broken").failStartWith(new IOException("disk full")));
        assertThatThrownBy(() -> fixture.start(builder)).hasMessageContaining("disk full");
        assertThat(store.closes()).isEqualTo(1);

        // As try-with-resources does after a failed start.
        fixture.server().close();

        assertThat(store.closes()).isEqualTo(1);
        assertThat(lifecycle).containsExactly("start first", "start broken", "stop first");
        assertThatThrownBy(() -> fixture.server().start())
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Server was already stopped; build a new one to start again");
        assertThatThrownBy(() -> fixture.server().api())
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("api() needs a started server; call start() first");
    }

    @Test
    void stopStopsTheTransportThenTheServicesInReverseOrderOnce() {
        fixture.transport().recordLifecycleIn(lifecycle);
        fixture.start(fixture.builder()
                .service(recorded("first"))
                .service(recorded("second"))
                .service(recorded("third")));
        FakeConnection socket = fixture.connected();

        fixture.server().stop();
        fixture.server().stop();
        fixture.server().close();

        assertThat(lifecycle).containsExactly("start first", "start second", "start third", "start memory",
                "stop memory", "stop third", "stop second", "stop first");
        assertThat(socket.closeCode()).isEqualTo(1001);
    }

    @Test
    void startingTwiceIsRejected() {
        fixture.start(fixture.builder());

        assertThatThrownBy(() -> fixture.server().start())
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Server was already started; build a new one to start again");
    }

    @Test
    void startingAfterStopIsRejected() {
        fixture.start(fixture.builder());
        fixture.server().stop();

        assertThatThrownBy(() -> fixture.server().start())
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Server was already stopped; build a new one to start again");
    }

    @Test
    void stoppingAnUnstartedServerPreventsItsStart() {
        RtsServer server = fixture.builder().service(recorded("first")).build();
        server.stop();

        assertThatThrownBy(server::start).hasMessage("Server was already stopped; build a new one to start again");
        assertThat(lifecycle).isEmpty();
    }

    @Test
    void accessorsNeedAStartedServer() {
        RtsServer server = fixture.builder().build();

        assertThatThrownBy(server::api).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("api() needs a started server; call start() first");
        assertThatThrownBy(server::port).hasMessage("port() needs a started server; call start() first");
        assertThatThrownBy(server::clientScript).hasMessage("clientScript() needs a started server; call start() "
                + "first");
    }

    @Test
    void startedServerReportsItsPortAndClientScript() {
        fixture.start(fixture.builder().service(FakeService.named("shown")).service(FakeService.named("secret")
                .hidden()));

        assertThat(fixture.server().port()).isEqualTo(-1);
        assertThat(fixture.server().clientScript())
                .contains("c.provide({\"id\":1,\"name\":\"shown\",\"options\":{},\"use\":{}}, (function (client) "
                        + "{ return client; }));")
                .doesNotContain("secret")
                .endsWith("globalThis.rts=c;c.connect();})();\n");
    }

    @Test
    void onStartHooksRunAfterEveryServiceStartedAndBeforeTheTransportAccepts() {
        fixture.transport().recordLifecycleIn(lifecycle);
        fixture.start(fixture.builder()
                .service(recorded("first").api("first api"))
                .onStart(api -> lifecycle.add("hook sees " + api.names()))
                .service(recorded("second").api("second api"))
                .onStart(api -> lifecycle.add("second hook")));

        assertThat(lifecycle).containsExactly("start first", "start second", "hook sees [first, second]",
                "second hook", "start memory");
    }

    @Test
    void aFailingOnStartHookFailsStartupAndStopsTheServices() {
        RtsServerBuilder builder = fixture.builder()
                .service(recorded("first"))
                .onStart(api -> {
                    throw new IllegalArgumentException("no such namespace");
                });

        assertThatThrownBy(() -> fixture.start(builder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("An onStart hook failed: no such namespace");
        assertThat(lifecycle).containsExactly("start first", "stop first");
    }
}
