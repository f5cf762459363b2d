package dev.rts.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.rts.rpc.RpcMiddleware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MethodTableTest {

    @Test
    void hugeUnknownNameIsAnsweredCheaplyAndQuotedShort() {
        MethodTable table = new MethodTable();
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            endpoints.put("ns" + (i % 10) + ".method" + i, new Endpoint.Lambda("x", call -> null));
        }
        table.add(endpoints);
        // A caller controls the name, up to a whole frame: comparing it letter by letter with every method would
        // cost seconds of a worker and gigabytes of garbage per request.
        String name = "ns1." + "x".repeat(60_000);

        String message = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> table.unknown(name));

        assertThat(message).isEqualTo("Unknown method 'ns1." + "x".repeat(56) + "...' (60004 characters); "
                + "namespace 'ns1' has method1, method1001, method101, method1011, method1021, method1031, method1041, "
                + "method1051, method1061, method1071, method1081, method1091, method11, method1101, method111, "
                + "method1111, method1121, method1131, method1141, method1151 and 180 more");
    }

    @Test
    void closeMatchesStillFound() {
        MethodTable table = new MethodTable();
        table.add(Map.of("math.square", new Endpoint.Lambda("math.square", call -> null),
                "math.add", new Endpoint.Lambda("math.add", call -> null)));

        assertThat(table.unknown("math.sqare")).isEqualTo("Unknown method 'math.sqare'; did you mean 'math.square'?");
        assertThat(table.unknown("math.squaree")).isEqualTo("Unknown method 'math.squaree'; did you mean "
                + "'math.square'?");
    }

    @Test
    void middlewareAddedAfterAMethodWasCalledAppliesToItsNextCall() {
        MethodTable table = new MethodTable();
        table.add(Map.of("math.square", new Endpoint.Lambda("math.square", call -> null)));
        RpcMiddleware first = (call, chain) -> chain.next();
        RpcMiddleware second = (call, chain) -> chain.next();
        table.use("math", first);
        assertThat(table.middlewareFor("math.square")).containsExactly(first);

        table.use("", second);

        assertThat(table.middlewareFor("math.square")).containsExactly(second, first);
    }

    @Test
    void unknownNamesAreNotRemembered() {
        MethodTable table = new MethodTable();
        RpcMiddleware all = (call, chain) -> chain.next();
        table.use("", all);

        assertThat(table.middlewareFor("no.such")).containsExactly(all);
        assertThat(table.cachedChains()).isZero();
    }
}
