package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.ConnectionEvent;
import dev.rts.api.Feature;
import dev.rts.api.ServiceContext;
import dev.rts.core.spi.OutboundFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SendingTest {

    record Point(int x, int y) {
    }

    private final ServerFixture fixture = new ServerFixture();
    private final LinkedBlockingQueue<ConnectionEvent> disconnects = new LinkedBlockingQueue<>();
    private final FakeService news = FakeService.named("news")
            .onStart(context -> context.onDisconnect(disconnects::add));
    private final FakeService rpc = FakeService.named("rpc").features(Feature.JSON, Feature.CALLBACKS)
            .handler((message, request, reply) -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("expected", reply.expected());
                answer.put("echo", message.decode(Object.class));
                reply.send(answer);
            });

    @BeforeEach
    void start() {
        fixture.start(fixture.builder().service(news).service(rpc));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private ServiceContext context() {
        return news.context();
    }

    @Test
    void sendingToManySocketsEncodesTheFrameOnce() {
        FakeConnection a = fixture.connected();
        FakeConnection b = fixture.connected();
        FakeConnection c = fixture.connected();

        int sent = context().send(List.of(a.id(), b.id(), c.id()), "hello|world");

        assertThat(sent).isEqualTo(3);
        OutboundFrame frame = a.nextFrame();
        assertThat(frame.text()).isEqualTo("1|hello|world");
        assertThat(b.nextFrame()).isSameAs(frame);
        assertThat(c.nextFrame()).isSameAs(frame);
    }

    @Test
    void sendingToManySkipsUnknownWaitingAndRefusingSocketsAndCountsDeliveries() {
        FakeConnection a = fixture.connected();
        FakeConnection refusing = fixture.connected();
        FakeConnection waiting = fixture.open();
        FakeConnection c = fixture.connected();
        refusing.refuseFrames();

        int sent = context().send(List.of(a.id(), "unknown", refusing.id(), waiting.id(), c.id()), "hi");

        assertThat(sent).isEqualTo(2);
        assertThat(a.nextSent()).isEqualTo("1|hi");
        assertThat(c.nextSent()).isEqualTo("1|hi");
        waiting.assertNoMoreSent();
        assertThat(context().send(List.of(), "hi")).isZero();
    }

    @Test
    void broadcastReachesOnlySocketsThatCompletedTheHandshake() {
        FakeConnection a = fixture.connected();
        FakeConnection b = fixture.connected();
        FakeConnection waiting = fixture.open();

        int sent = context().broadcast(42);

        assertThat(sent).isEqualTo(2);
        OutboundFrame frame = a.nextFrame();
        assertThat(frame.text()).isEqualTo("1|42");
        assertThat(b.nextFrame()).isSameAs(frame);
        waiting.assertNoMoreSent();
    }

    @Test
    void broadcastSkipsClosedSockets() throws InterruptedException {
        FakeConnection leaving = fixture.connected();
        FakeConnection staying = fixture.connected();
        leaving.closeByClient();
        assertThat(disconnects.poll(5, TimeUnit.SECONDS).socketId()).isEqualTo(leaving.id());

        assertThat(context().broadcast("bye")).isEqualTo(1);
        assertThat(staying.nextSent()).isEqualTo("1|bye");
    }

    @Test
    void sendingToOneSocketNeedsACompletedHandshake() {
        FakeConnection ready = fixture.connected();
        FakeConnection waiting = fixture.open();

        assertThat(context().send(ready.id(), "hi")).isTrue();
        assertThat(context().send(waiting.id(), "hi")).isFalse();
        assertThat(context().send("unknown", "hi")).isFalse();

        assertThat(ready.nextSent()).isEqualTo("1|hi");
        waiting.assertNoMoreSent();
    }

    @Test
    void sendReturnsFalseWhenTheTransportRefusesTheFrame() {
        FakeConnection socket = fixture.connected();
        socket.refuseFrames();

        assertThat(context().send(socket.id(), "hi")).isFalse();
        assertThat(context().broadcast("hi")).isZero();
    }

    @Test
    void jsonServicesHaveTheirMessagesEncodedWithAnEmptyCallbackField() {
        FakeConnection socket = fixture.connected();

        rpc.context().send(socket.id(), new Point(1, 2));
        rpc.context().send(socket.id(), "a \"quoted\" <b>");

        assertThat(socket.nextSent()).isEqualTo("2||{\"x\":1,\"y\":2}");
        assertThat(socket.nextSent()).isEqualTo("2||\"a \\\"quoted\\\" <b>\"");
    }

    @Test
    void repliesCarryTheCallbackIdOnlyWhenOneWasSent() {
        FakeConnection socket = fixture.open();

        socket.receive("2|8|[1,\"two\"]");
        socket.receive("2||null");

        assertThat(socket.nextSent()).isEqualTo("2|8|{\"expected\":true,\"echo\":[1,\"two\"]}");
        assertThat(socket.nextSent()).isEqualTo("2||{\"expected\":false}");
        socket.assertNoMoreSent();
    }

    @Test
    void sendingNullIsRejectedNamingTheService() {
        FakeConnection socket = fixture.connected();

        assertThatThrownBy(() -> context().send(socket.id(), null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service 'news' tried to send null; send a value instead");
        assertThatThrownBy(() -> context().broadcast(null))
                .hasMessage("Service 'news' tried to send null; send a value instead");
    }

    @Test
    void sendingAfterTheServerStoppedDoesNothing() {
        FakeConnection socket = fixture.connected();

        fixture.server().stop();

        assertThat(socket.closeCode()).isEqualTo(1001);
        assertThat(context().send(socket.id(), "late")).isFalse();
        assertThat(context().send(List.of(socket.id()), "late")).isZero();
        assertThat(context().broadcast("late")).isZero();
        assertThat(context().connections().count()).isZero();
    }
}
