package dev.rts.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rts.rpc.Rpc;
import dev.rts.rpc.RpcException;
import dev.rts.testkit.TestServer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code math.square} through rts-rpc, called from server code: arguments go through JSON and the rpc service's
 * checks as a browser's do.
 */
@Timeout(30)
class MathActionsTest {

    private final TestServer server = TestServer.start(Rpc.service());
    private final Rpc rpc = server.api().get("rpc", Rpc.class).namespace("math", new MathActions());

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void squaresWholeNumbers() throws Exception {
        assertThat(square(12)).containsExactly(144L);
        assertThat(square(-3)).containsExactly(9L);
        assertThat(square(MathActions.MAX_EXACT)).containsExactly(9_007_199_136_250_225L);
    }

    @Test
    void refusesWhatIsNotAWholeNumberWithTheRpcServicesMessage() {
        assertThat(failure("abc")).isEqualTo("Method 'math.square' argument 1 must be int but was \"abc\"");
        assertThat(failure(2.5)).isEqualTo("Method 'math.square' argument 1 must be int but was 2.5");
        assertThat(failure(5_000_000_000L))
                .isEqualTo("Method 'math.square' argument 1 must be int but was 5000000000 (out of range)");
    }

    @Test
    void refusesNumbersWhoseSquareABrowserWouldRound() {
        assertThat(failure(MathActions.MAX_EXACT + 1)).isEqualTo("math.square takes a number from -94906265 to "
                + "94906265, whose square a browser holds exactly, but got 94906266");
    }

    private List<Object> square(Object n) throws Exception {
        return rpc.call("math.square", n).get(5, TimeUnit.SECONDS);
    }

    private String failure(Object n) {
        Throwable thrown = catchThrowable(() -> square(n));
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(RpcException.class);
        return thrown.getCause().getMessage();
    }
}
