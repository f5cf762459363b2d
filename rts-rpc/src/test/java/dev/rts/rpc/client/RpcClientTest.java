package dev.rts.rpc.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.client.RtsErrorException;
import dev.rts.testkit.TestServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link RpcClient} against a stand-in that speaks the rpc service's wire format, so that every answer shape,
 * including broken ones the real service never sends, can be tried.
 */
@Timeout(30)
class RtsClientRpcTest {

    /** A point, as a method answers it. */
    record Point(int x, int y) {
    }

    /** Answers like rts-rpc: {"m":"name","p":[...]} in, {"p":[...]} or {"e":{"message":...}} out. */
    static final class RpcLike implements Service {
        @Override
        public String name() {
            return "rpc";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.JSON, Feature.CALLBACKS, Feature.SESSIONS);
        }

        @Override
        public Object start(ServiceContext ctx) {
            ctx.onMessage((message, request, reply) -> {
                Map<?, ?> body = message.decode(Map.class);
                List<?> p = (List<?>) body.get("p");
                Object answer = switch ((String) body.get("m")) {
                    case "demo.square" -> Map.of("p", List.of(((Number) p.get(0)).longValue()
                            * ((Number) p.get(0)).longValue()));
                    case "demo.echo" -> Map.of("p", p);
                    case "demo.point" -> Map.of("p", List.of(Map.of("x", 1, "y", 2), "ignored"));
                    case "demo.none" -> Map.of("p", List.of());
                    case "demo.errorFirst" -> Map.of("p", Arrays.asList(null, 25));
                    case "demo.broken" -> Map.of("answer", 1);
                    default -> Map.of("e", Map.of("message", "Unknown method '" + body.get("m") + "'"));
                };
                reply.send(answer);
            });
            return null;
        }
    }

    private TestServer server;
    private RpcClient client;

    @BeforeEach
    void start() {
        // Discovery off: the real rpc service on the class path would claim the name 'rpc' too.
        server = TestServer.builder().discoverServices(false).service(new RpcLike()).start();
        client = RpcClient.of(server.client().rtsClient());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rpcDecodesTheFirstAnsweredValue() throws Exception {
        assertThat(client.call("demo.square", Integer.class, 5).get(5, TimeUnit.SECONDS)).isEqualTo(25);
        assertThat(client.call("demo.point", Point.class).get(5, TimeUnit.SECONDS)).isEqualTo(new Point(1, 2));
        assertThat(client.call("demo.echo", String.class, "hi", "there").get(5, TimeUnit.SECONDS)).isEqualTo("hi");
        assertThat(client.call("demo.echo", String.class, (Object) null).get(5, TimeUnit.SECONDS)).isNull();
        assertThat(client.call("demo.none", Object.class).get(5, TimeUnit.SECONDS)).isNull();
        assertThat(client.call("demo.errorFirst", Integer.class).get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void errorAnswerFailsWithTheServersMessage() {
        assertThat(client.call("demo.nope", Integer.class)).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(RtsErrorException.class).withMessage("Unknown method 'demo.nope'");
    }

    @Test
    void answerOfTheWrongShapeFailsClearly() {
        CompletableFuture<Integer> broken = client.call("demo.broken", Integer.class);
        assertThat(broken).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(IllegalArgumentException.class)
                .withMessage("Expected an rpc answer {\"p\":[...]} or {\"e\":{\"message\":...}} for 'demo.broken' "
                        + "but got {\"answer\":1}");
        assertThat(client.call("demo.echo", Integer.class, "five")).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(IllegalArgumentException.class)
                .withMessage("Rpc 'demo.echo' answered \"five\", which is not Integer: Expected a number but found "
                        + "\"five\"");
    }
}
