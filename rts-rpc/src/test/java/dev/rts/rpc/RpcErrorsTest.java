package dev.rts.rpc;

import static dev.rts.rpc.RpcServerFixture.errorOf;
import static dev.rts.rpc.RpcServerFixture.rpcError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Service;
import dev.rts.client.ClientMessage;
import dev.rts.testkit.ReceivedMessage;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RpcErrorsTest {

    /** A small namespace, so that messages listing its methods stay short. */
    public static class MathActions {
        public int square(int n) {
            return n * n;
        }

        public int add(int a, int b) {
            return a + b;
        }

        public int count(List<DemoActions.Point> points) {
            return points.size();
        }

        public int x(DemoActions.Point point) {
            return point.x();
        }

        public long big(long n) {
            return n;
        }

        public String color(DemoActions.Color color) {
            return color.name();
        }
    }

    private TestServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    private TestClient start(Service rpc) {
        server = TestServer.start(rpc);
        return withMethods();
    }

    private TestClient withMethods() {
        server.api().get("rpc", Rpc.class).namespace("math", new MathActions()).namespace("demo", new DemoActions());
        return server.client();
    }

    @Test
    void unknownMethodSuggestsCloseMatches() {
        TestClient client = start(Rpc.service());
        assertThat(rpcError(client, "math.sqare", 5)).isEqualTo("Unknown method 'math.sqare'; did you mean "
                + "'math.square'?");
        assertThat(rpcError(client, "mtah.add")).isEqualTo("Unknown method 'mtah.add'; did you mean 'math.add'?");
        assertThat(rpcError(client, "square")).isEqualTo("Unknown method 'square'; did you mean 'demo.square' or "
                + "'math.square'?");
    }

    @Test
    void unknownMethodListsTheNamespaceOrTheNamespaces() {
        TestClient client = start(Rpc.service());
        assertThat(rpcError(client, "math.cube", 5)).isEqualTo("Unknown method 'math.cube'; namespace 'math' has "
                + "add, big, color, count, square, x");
        assertThat(rpcError(client, "shop.buy")).isEqualTo("Unknown method 'shop.buy': there is no namespace "
                + "'shop'; namespaces are demo, math");
    }

    @Test
    void unknownMethodWhenNothingIsRegistered() {
        server = TestServer.start(Rpc.service());
        assertThat(rpcError(server.client(), "demo.square", 5)).isEqualTo("Unknown method 'demo.square': no rpc "
                + "methods are registered; add some with api.get(\"rpc\", Rpc.class).namespace(...)");
    }

    @Test
    void wrongNumberOfArgumentsNamesTheMethodAndItsParameters() {
        TestClient client = start(Rpc.service());
        assertThat(rpcError(client, "math.add", 1)).isEqualTo("Method 'math.add' takes 2 arguments (int, int) but "
                + "got 1");
        assertThat(rpcError(client, "math.square")).isEqualTo("Method 'math.square' takes 1 argument (int) but "
                + "got 0");
        assertThat(rpcError(client, "demo.nothing", 1)).isEqualTo("Method 'demo.nothing' takes no arguments but "
                + "got 1");
    }

    @Test
    void wrongArgumentTypesNameTheArgumentTypeAndValue() {
        TestClient client = start(Rpc.service());
        assertThat(rpcError(client, "math.add", 1, "two")).isEqualTo("Method 'math.add' argument 2 must be int but "
                + "was \"two\"");
        assertThat(rpcError(client, "math.square", 2.5)).isEqualTo("Method 'math.square' argument 1 must be int "
                + "but was 2.5");
        assertThat(rpcError(client, "math.square", 5_000_000_000L)).isEqualTo("Method 'math.square' argument 1 "
                + "must be int but was 5000000000 (out of range)");
        assertThat(rpcError(client, "math.square", (Object) null)).isEqualTo("Method 'math.square' argument 1 "
                + "must be int but was null");
        assertThat(rpcError(client, "math.x", List.of(1, 2))).isEqualTo("Method 'math.x' argument 1 must be Point "
                + "(a JSON object) but was [1,2]");
        assertThat(rpcError(client, "math.count", Map.of("x", 1))).isEqualTo("Method 'math.count' argument 1 must "
                + "be List<Point> (a JSON array) but was {\"x\":1}");
        assertThat(rpcError(client, "math.color", "BLUE")).isEqualTo("Method 'math.color' argument 1 must be Color "
                + "(one of RED, GREEN) but was \"BLUE\"");
        assertThat(rpcError(client, "demo.describe", 1, 2, true, 0.5, "RED")).isEqualTo("Method 'demo.describe' "
                + "argument 2 must be String but was 2");
    }

    @Test
    void valueNestedInAnArgumentThatDoesNotFitNamesTheType() {
        TestClient client = start(Rpc.service());
        assertThat(rpcError(client, "math.count", List.of(Map.of("x", "a")))).isEqualTo("Method 'math.count' "
                + "argument 1 must be List<Point> but was [{\"x\":\"a\"}] (Expected a number but found \"a\")");
        assertThat(rpcError(client, "math.count", List.of(Map.of("x", true)))).isEqualTo("Method 'math.count' "
                + "argument 1 must be List<Point> but was [{\"x\":true}] (Expected a number but found a boolean at "
                + "$[0].x)");
    }

    @Test
    void thrownExceptionAnswersItsMessageWithoutAStackTrace() {
        TestClient client = start(Rpc.service());
        assertThat(rpcError(client, "demo.fail", "Out of stock")).isEqualTo("Out of stock");
        assertThat(rpcError(client, "demo.refuse", "Not yours")).isEqualTo("Not yours");
        assertThat(rpcError(client, "demo.npe")).isEqualTo("Method 'demo.npe' failed (NullPointerException)");
        assertThat(rpcError(client, "demo.unencodable")).isEqualTo("Method 'demo.unencodable' answered a value the "
                + "server cannot encode as JSON");
    }

    @Test
    void failedFutureAnswersItsMessage() throws Exception {
        server = TestServer.start(Rpc.service());
        DemoActions demo = new DemoActions();
        server.api().get("rpc", Rpc.class).namespace("demo", demo);
        TestClient client = server.client();
        CompletableFuture<ClientMessage> call = client.callAsync("rpc", RpcServerFixture.request("demo.later"));
        new Thread(() -> {
            try {
                demo.futures.take().completeExceptionally(new IllegalStateException("Warehouse offline"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-failer").start();
        assertThat(errorOf(new ReceivedMessage("rpc", call.get(5, TimeUnit.SECONDS).text())))
                .isEqualTo("Warehouse offline");
    }

    @Test
    void methodThatNeverAnswersTimesOutAndLaterAnswersAreDropped() throws Exception {
        server = TestServer.start(Rpc.builder().timeout(Duration.ofMillis(200)).build());
        DemoActions demo = new DemoActions();
        server.api().get("rpc", Rpc.class).namespace("demo", demo);
        TestClient client = server.client();
        assertThat(rpcError(client, "demo.later")).isEqualTo("Method 'demo.later' did not answer within 200 ms");
        assertThat(rpcError(client, "demo.silent")).isEqualTo("Method 'demo.silent' did not answer within 200 ms");
        assertThat(demo.responders.poll(5, TimeUnit.SECONDS).respond("too late")).isFalse();
        assertThat(demo.futures.poll(5, TimeUnit.SECONDS).complete("too late")).isTrue();
        assertThat(RpcServerFixture.rpc(client, "demo.square", 2).text()).isEqualTo("{\"p\":[4]}");
        client.assertNoMoreMessages();
    }

    @Test
    void connectionWithTooManyCallsInFlightIsRefusedUntilAnswersCome() throws Exception {
        server = TestServer.start(Rpc.builder().maxInFlight(2).build());
        DemoActions demo = new DemoActions();
        server.api().get("rpc", Rpc.class).namespace("demo", demo);
        TestClient client = server.client();
        CompletableFuture<ClientMessage> first = client.callAsync("rpc", RpcServerFixture.request("demo.later"));
        CompletableFuture<ClientMessage> second = client.callAsync("rpc", RpcServerFixture.request("demo.later"));
        CompletableFuture<Object> firstFuture = demo.futures.poll(5, TimeUnit.SECONDS);
        CompletableFuture<Object> secondFuture = demo.futures.poll(5, TimeUnit.SECONDS);

        assertThat(rpcError(client, "demo.square", 2)).isEqualTo("Too many rpc calls in flight on this connection "
                + "(at most 2); wait for answers before sending more");
        assertThat(RpcServerFixture.rpc(server.client(), "demo.square", 2).text()).isEqualTo("{\"p\":[4]}");

        // The two methods ran concurrently, so either future may belong to either call.
        firstFuture.complete(1);
        assertThat(CompletableFuture.anyOf(first, second).get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(RpcServerFixture.rpc(client, "demo.square", 3).text()).isEqualTo("{\"p\":[9]}");
        secondFuture.complete(2);
        assertThat(List.of(first.get(5, TimeUnit.SECONDS).text(), second.get(5, TimeUnit.SECONDS).text()))
                .containsExactlyInAnyOrder("{\"p\":[1]}", "{\"p\":[2]}");
    }

    @Test
    void malformedRequestsAnswerWhatWasExpected() {
        TestClient client = start(Rpc.service());
        assertThat(errorOf(client.call("rpc", List.of(1, 2)))).isEqualTo("Expected an rpc request such as "
                + "{\"m\":\"demo.square\",\"p\":[5]} but got [1,2]");
        assertThat(errorOf(client.call("rpc", Map.of("p", List.of(5))))).isEqualTo("Rpc request needs \"m\", the "
                + "method name, such as {\"m\":\"demo.square\",\"p\":[5]}; got {\"p\":[5]}");
        assertThat(errorOf(client.call("rpc", Map.of("m", 5)))).isEqualTo("Rpc request \"m\" must be a string "
                + "such as \"demo.square\" but was 5");
        assertThat(errorOf(client.call("rpc", Map.of("m", "math.square", "p", 5)))).isEqualTo("Rpc request \"p\" "
                + "must be an array of arguments such as [5] but was 5");
        assertThat(RpcServerFixture.valuesOf(client.call("rpc", Map.of("m", "demo.none")))).isEmpty();
    }

    /** A method that runs out of memory, as a stand-in for any error the JVM cannot recover from. */
    public static class Exhausted {
        public int allocate(int n) {
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        }
    }

    @Test
    void anOutOfMemoryErrorInAMethodAnswersTheCallAndReachesTheFatalErrorHandler() throws Exception {
        CompletableFuture<Error> fatal = new CompletableFuture<>();
        server = TestServer.builder().service(Rpc.service()).configure(b -> b.onFatalError(fatal::complete)).start();
        server.api().get("rpc", Rpc.class).namespace("heap", new Exhausted());

        assertThat(rpcError(server.client(), "heap.allocate", 1)).isEqualTo("Java heap space (thrown by the test)");
        assertThat(fatal.get(5, TimeUnit.SECONDS)).isInstanceOf(OutOfMemoryError.class)
                .hasMessage("Java heap space (thrown by the test)");
    }
}
