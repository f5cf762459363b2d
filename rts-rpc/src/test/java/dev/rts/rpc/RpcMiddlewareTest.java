package dev.rts.rpc;

import static dev.rts.rpc.RpcServerFixture.rpc;
import static dev.rts.rpc.RpcServerFixture.rpcError;
import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.RtsExtension;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(10)
class RpcMiddlewareTest {

    @RegisterExtension
    static RtsExtension rts = RtsExtension.perMethod(server -> server.service(Rpc.service()));

    /** Mounted as admin.users. */
    public static class UserActions {
        public List<String> list() {
            return List.of("ann", "bob");
        }

        public String stats(RpcCall call) {
            return call.attributes().get("loaded") + " for " + call.userId().orElse("nobody");
        }
    }

    private final BlockingQueue<String> log = new LinkedBlockingQueue<>();
    private Rpc rpc;

    @BeforeEach
    void mount() {
        rpc = rts.server().api().get("rpc", Rpc.class);
        rpc.namespace("demo", new DemoActions()).namespace("admin.users", new UserActions());
    }

    private RpcMiddleware logging(String name) {
        return (call, chain) -> {
            log.add(name + " " + call.method());
            chain.next();
        };
    }

    @Test
    void middlewareRunsOuterScopesFirstThenInTheOrderAdded(TestClient client) {
        rpc.use("admin.users.list", logging("method"))
                .use("admin.users", logging("users"))
                .use("admin", logging("admin-1"))
                .use("", logging("all"))
                .use("admin", logging("admin-2"))
                .use("demo", logging("demo"))
                .use("admin.user", logging("not a prefix of admin.users"));
        assertThat(rpc(client, "admin.users.list")).hasText("{\"p\":[[\"ann\",\"bob\"]]}");
        assertThat(List.copyOf(log)).containsExactly("all admin.users.list", "admin-1 admin.users.list",
                "admin-2 admin.users.list", "users admin.users.list", "method admin.users.list");
    }

    @Test
    void middlewareStopsTheCallWithAnError(TestClient client) {
        rpc.use("demo", (call, chain) -> chain.fail("Closed for maintenance"))
                .use("demo.square", logging("never reached"));
        assertThat(rpcError(client, "demo.square", 5)).isEqualTo("Closed for maintenance");
        assertThat(log).isEmpty();
    }

    @Test
    void throwingMiddlewareStopsTheCallWithItsMessage(TestClient client) {
        rpc.use("demo", (call, chain) -> {
            throw new RpcException("Quota exceeded for " + call.method());
        });
        assertThat(rpcError(client, "demo.square", 5)).isEqualTo("Quota exceeded for demo.square");
    }

    @Test
    void middlewareTransformsParamsAndHandsValuesToTheMethod(TestClient client) {
        rpc.use("demo.square", (call, chain) -> {
            call.params().set(0, ((Number) call.params().get(0)).intValue() + 1);
            chain.next();
        }).use("admin", (call, chain) -> {
            call.attributes().put("loaded", "stats");
            chain.next();
        });
        assertThat(rpc(client, "demo.square", 5)).hasText("{\"p\":[36]}");
        assertThat(rpc(client, "admin.users.stats")).hasText("{\"p\":[\"stats for nobody\"]}");
    }

    @Test
    void middlewareMayContinueLaterFromAnotherThread(TestClient client) throws InterruptedException {
        rpc.use("demo", (call, chain) -> CompletableFuture.runAsync(chain::next))
                .use("demo", (call, chain) -> {
                    log.add(Thread.currentThread().getName());
                    chain.next();
                });
        assertThat(rpc(client, "demo.square", 3)).hasText("{\"p\":[9]}");
        assertThat(log.poll(5, TimeUnit.SECONDS)).startsWith("rts-worker-");
    }

    @Test
    void continuingTwiceRunsTheMethodOnce(TestClient client) {
        DemoActions demo = new DemoActions();
        rpc.namespace("twice", demo).use("twice", (call, chain) -> {
            chain.next();
            chain.next();
            chain.fail("ignored");
        });
        assertThat(rpc(client, "twice.record", "once")).hasText("{\"p\":[]}");
        assertThat(List.copyOf(demo.calls)).containsExactly("once");
    }

    @Test
    void requireUserLetsOnlySignedInSessionsThrough(TestServer server, TestClient client) {
        rpc.use("admin", RpcMiddleware.requireUser()).use("admin", (call, chain) -> {
            call.attributes().put("loaded", "stats");
            chain.next();
        });
        assertThat(rpcError(client, "admin.users.stats")).isEqualTo("Not signed in: 'admin.users.stats' needs a "
                + "signed-in user");
        assertThat(rpc(client, "demo.whoami")).hasText("{\"p\":[\"nobody\"]}");

        server.session(client.sessionId()).setUserId("ann");
        assertThat(rpc(client, "admin.users.stats")).hasText("{\"p\":[\"stats for ann\"]}");

        server.session(client.sessionId()).setUserId(null);
        assertThat(rpcError(client, "admin.users.list")).isEqualTo("Not signed in: 'admin.users.list' needs a "
                + "signed-in user");
    }

    @Test
    void middlewareCannotTakeTheResponder(TestClient client) {
        rpc.use("demo", (call, chain) -> {
            call.responder();
            chain.next();
        });
        assertThat(rpcError(client, "demo.square", 2)).isEqualTo("responder() is for the method of 'demo.square'; "
                + "middleware continues with chain.next() or stops the call with chain.fail(message)");
    }
}
