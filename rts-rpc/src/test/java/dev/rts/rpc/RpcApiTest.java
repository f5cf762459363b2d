package dev.rts.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server-side API: registration, listing, local calls. */
@Timeout(10)
class RpcApiTest {

    private TestServer server;
    private Rpc rpc;
    private final DemoActions demo = new DemoActions();

    @BeforeEach
    void start() {
        server = TestServer.builder().service(Rpc.builder().timeout(Duration.ofMillis(300)).build())
                .start();
        rpc = server.api().get("rpc", Rpc.class);
        rpc.namespace("demo", demo);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** Handlers that cannot be mounted. */
    public static class Overloaded {
        public int f(int a) {
            return a;
        }

        public int f(int a, int b) {
            return a + b;
        }
    }

    /** Returns a value although it answers through a responder. */
    public static class ResponderWithResult {
        public int f(Responder responder) {
            return 1;
        }
    }

    /** Only Object's methods and a record accessor: nothing to call. */
    public record NothingToCall(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void methodsListsEveryRegisteredNameSorted() {
        rpc.namespace("admin.users", new RpcMiddlewareTest.UserActions()).method("a.b", call -> null);
        assertThat(rpc.methods()).startsWith("a.b", "admin.users.list", "admin.users.stats", "demo.add")
                .contains("demo.square", "demo.squareErrorFirst")
                .doesNotContain("demo.equals", "demo.hashCode", "demo.toString", "demo.getClass")
                .isSorted();
    }

    @Test
    void localCallAnswersJavaValues() throws Exception {
        assertThat(rpc.call("demo.square", 5).get(5, TimeUnit.SECONDS)).containsExactly(25);
        assertThat(rpc.call("demo.squareErrorFirst", 5).get(5, TimeUnit.SECONDS)).containsExactly(null, 25);
        assertThat(rpc.call("demo.move", new DemoActions.Point(1, 2), 1, 1).get(5, TimeUnit.SECONDS))
                .containsExactly(new DemoActions.Point(2, 3));
        assertThat(rpc.call("demo.echo", (Object) null).get(5, TimeUnit.SECONDS)).containsExactly((Object) null);
        assertThat(rpc.call("demo.none").get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void localCallFailsWithTheMessageARemoteCallerWouldGet() {
        assertFails(rpc.call("demo.sqare", 5), "Unknown method 'demo.sqare'; did you mean 'demo.square'?");
        assertFails(rpc.call("demo.fail", "Broken"), "Broken");
        assertFails(rpc.call("demo.later"), "Method 'demo.later' did not answer within 300 ms");
    }

    @Test
    void localCallHasNoUser() {
        rpc.use("demo.whoami", RpcMiddleware.requireUser());
        assertFails(rpc.call("demo.whoami"), "Not signed in: 'demo.whoami' needs a signed-in user");
    }

    @Test
    void localCallAfterStopFails() {
        server.stop();
        assertThat(rpc.call("demo.square", 2)).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(IllegalStateException.class)
                .withMessage("The rpc service 'rpc' has stopped; it takes no more calls");
    }

    @Test
    void callsInFlightFailWhenTheServerStops() {
        CompletableFuture<List<Object>> pending = rpc.call("demo.later");
        server.stop();
        assertFails(pending, "The server is stopping; method 'demo.later' was not answered");
    }

    @Test
    void registrationErrorsNameTheProblem() {
        assertThatThrownBy(() -> rpc.namespace("demo", new DemoActions()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Method 'demo.add' is already registered (DemoActions.add(long, long)); each method name "
                        + "can be registered once");
        assertThatThrownBy(() -> rpc.namespace("bad name", new DemoActions()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Namespace 'bad name' is not valid: use names such as 'demo' or 'admin.users' (letters, "
                        + "digits, '_', '-' and '$', in segments separated by single dots)");
        assertThatThrownBy(() -> rpc.namespace("o", new Overloaded()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Handler dev.rts.rpc.RpcApiTest$Overloaded has two public methods named 'f': "
                        + "Overloaded.f(int) and Overloaded.f(int, int); rpc methods cannot be overloaded, so "
                        + "rename one");
        assertThatThrownBy(() -> rpc.namespace("r", new ResponderWithResult()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Method ResponderWithResult.f(Responder) takes a Responder, so it must return void, not "
                        + "int");
        assertThatThrownBy(() -> rpc.namespace("n", new NothingToCall("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Handler dev.rts.rpc.RpcApiTest$NothingToCall for namespace 'n' has no public instance "
                        + "methods to call");
        assertThatThrownBy(() -> rpc.method("square", call -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Method name 'square' needs a namespace, such as 'demo.square'");
        assertThatThrownBy(() -> rpc.use("admin..users", RpcMiddleware.requireUser()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Scope 'admin..users' is not valid");
        assertThat(rpc.methods()).noneMatch(name -> name.startsWith("o.") || name.startsWith("r."));
    }

    @Test
    void lambdaParamOutOfRangeNamesTheMethod() {
        rpc.method("math.add", call -> {
            int a = call.param(0, int.class);
            int b = call.param(1, int.class);
            return a + b;
        });
        assertFails(rpc.call("math.add", 1), "Method 'math.add' needs at least 2 arguments but got 1");
        assertThat(rpc.call("math.add", Arrays.asList(1, 2).toArray())).succeedsWithin(Duration.ofSeconds(5))
                .isEqualTo(List.of(3));
    }

    private static void assertFails(CompletableFuture<List<Object>> call, String message) {
        assertThat(call).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(RpcException.class).withMessage(message);
    }
}
