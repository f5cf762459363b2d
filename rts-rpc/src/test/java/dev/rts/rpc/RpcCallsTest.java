package dev.rts.rpc;

import static dev.rts.rpc.RpcServerFixture.request;
import static dev.rts.rpc.RpcServerFixture.rpc;
import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.client.ClientMessage;
import dev.rts.testkit.RtsExtension;
import dev.rts.testkit.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(10)
class RpcCallsTest {

    @RegisterExtension
    static RtsExtension rts = RtsExtension.perMethod(server -> server.service(Rpc.service()));

    private final DemoActions demo = new DemoActions();

    @BeforeEach
    void mount() {
        rts.server().api().get("rpc", Rpc.class).namespace("demo", demo);
    }

    @AfterEach
    void releaseBlockedMethods() {
        demo.latches.values().forEach(CountDownLatch::countDown);
    }

    @Test
    void returnValueAnswersOneValue(TestClient client) {
        assertThat(rpc(client, "demo.square", 5)).hasText("{\"p\":[25]}");
        assertThat(rpc(client, "demo.add", 2, 40)).hasText("{\"p\":[42]}");
        client.assertNoMoreMessages();
    }

    @Test
    void responderAnswersAnyNumberOfValues(TestClient client) {
        assertThat(rpc(client, "demo.squareErrorFirst", 5)).hasText("{\"p\":[null,25]}");
        assertThat(rpc(client, "demo.many")).hasText("{\"p\":[\"a\",1,null,true]}");
        assertThat(rpc(client, "demo.none")).hasText("{\"p\":[]}");
    }

    @Test
    void voidMethodAnswersNoValuesAndRunsOnAWorker(TestClient client) throws InterruptedException {
        assertThat(rpc(client, "demo.nothing")).hasText("{\"p\":[]}");
        assertThat(demo.calls.poll(5, TimeUnit.SECONDS)).startsWith("nothing on rts-worker-");
    }

    @Test
    void recordsAndGenericsAreDecodedAndEncoded(TestClient client) {
        assertThat(rpc(client, "demo.move", Map.of("x", 1, "y", 2), 10, 20)).hasJson("{\"p\":[{\"x\":11,\"y\":22}]}");
        assertThat(rpc(client, "demo.sumX", List.of(Map.of("x", 1, "y", 0), Map.of("x", 2, "y", 0))))
                .hasText("{\"p\":[3]}");
        assertThat(rpc(client, "demo.echo", Map.of("nested", List.of(1, "two")))).hasJson(
                "{\"p\":[{\"nested\":[1,\"two\"]}]}");
    }

    @Test
    void primitivesBoxesEnumsAndNull(TestClient client) {
        assertThat(rpc(client, "demo.describe", 7, "hi", true, 0.5, "GREEN"))
                .hasText("{\"p\":[\"7|hi|true|0.5|GREEN\"]}");
        assertThat(rpc(client, "demo.describe", null, null, false, 2, "RED"))
                .hasText("{\"p\":[\"null|null|false|2.0|RED\"]}");
        assertThat(rpc(client, "demo.echo", (Object) null)).hasText("{\"p\":[null]}");
    }

    @Test
    void futureCompletedLaterFromAnotherThreadAnswers(TestClient client) throws Exception {
        CompletableFuture<ClientMessage> call = client.callAsync("rpc", request("demo.later"));
        CompletableFuture<Object> future = demo.futures.poll(5, TimeUnit.SECONDS);
        assertThat(future).isNotNull();
        assertThat(call).isNotDone();
        Thread completer = new Thread(() -> future.complete(List.of("done", 1)), "test-completer");
        completer.start();
        assertThat(call.get(5, TimeUnit.SECONDS).text()).isEqualTo("{\"p\":[[\"done\",1]]}");
    }

    @Test
    void callsFromOneClientRunConcurrentlyAndMayFinishOutOfOrder(TestClient client) throws Exception {
        CompletableFuture<ClientMessage> first = client.callAsync("rpc", request("demo.block", "first"));
        CompletableFuture<ClientMessage> second = client.callAsync("rpc", request("demo.block", "second"));
        assertThat(List.of(demo.calls.poll(5, TimeUnit.SECONDS), demo.calls.poll(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder("started first", "started second");

        demo.latches.get("second").countDown();
        assertThat(second.get(5, TimeUnit.SECONDS).text()).isEqualTo("{\"p\":[\"second\"]}");
        assertThat(first).isNotDone();

        demo.latches.get("first").countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).text()).isEqualTo("{\"p\":[\"first\"]}");
    }

    @Test
    void requestWithoutCallbackRunsTheMethodAndAnswersNothing(TestClient client) throws InterruptedException {
        client.send("rpc", request("demo.record", "no callback"));
        assertThat(demo.calls.poll(5, TimeUnit.SECONDS)).isEqualTo("no callback");
        client.send("rpc", request("demo.fail", "nobody hears this"));
        client.send("rpc", request("demo.nope"));
        client.assertNoMessageWithin("rpc", Duration.ofMillis(200));
        assertThat(rpc(client, "demo.square", 3)).hasText("{\"p\":[9]}");
        client.assertNoMoreMessages();
    }

    @Test
    void injectedParametersTakeNoArgument(TestClient client) {
        assertThat(rpc(client, "demo.injected")).hasText("{\"p\":[true]}");
        assertThat(rpc(client, "demo.whoami")).hasText("{\"p\":[\"nobody\"]}");
    }

    @Test
    void lambdaMethodReadsTypedParams(TestClient client) {
        rts.server().api().get("rpc", Rpc.class).method("math.hypot", call -> {
            DemoActions.Point p = call.param(0, DemoActions.Point.class);
            return Math.hypot(p.x(), p.y());
        });
        assertThat(rpc(client, "math.hypot", Map.of("x", 3, "y", 4))).hasText("{\"p\":[5.0]}");
    }

    @Test
    void anotherClientIsServedWhileOneCallIsBlocked(TestClient alice, TestClient bob) throws Exception {
        CompletableFuture<ClientMessage> blocked = alice.callAsync("rpc", request("demo.block", "alice"));
        assertThat(demo.calls.poll(5, TimeUnit.SECONDS)).isEqualTo("started alice");
        assertThat(rpc(bob, "demo.square", 4)).hasText("{\"p\":[16]}");
        assertThat(rpc(alice, "demo.square", 5)).hasText("{\"p\":[25]}");
        demo.latches.get("alice").countDown();
        assertThat(blocked.get(5, TimeUnit.SECONDS).text()).isEqualTo("{\"p\":[\"alice\"]}");
    }
}
