package dev.rts.rpc;

import dev.rts.testkit.ReceivedMessage;
import dev.rts.testkit.TestClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Small helpers for calling the rpc service through a test client.
 */
final class RpcServerFixture {

    private RpcServerFixture() {
    }

    /** The request payload {@code {"m":method,"p":[params...]}}; params may hold null. */
    static Map<String, Object> request(String method, Object... params) {
        return Map.of("m", method, "p", Arrays.asList(params));
    }

    /** Calls and returns the answer's JSON. */
    static ReceivedMessage rpc(TestClient client, String method, Object... params) {
        return client.call("rpc", request(method, params));
    }

    /** Calls expecting an error answer, and returns its message. */
    static String rpcError(TestClient client, String method, Object... params) {
        return errorOf(client.call("rpc", request(method, params)));
    }

    /** The message of an error answer {@code {"e":{"message":...}}}. */
    static String errorOf(ReceivedMessage answer) {
        Map<?, ?> body = answer.decode(Map.class);
        if (!(body.get("e") instanceof Map<?, ?> e) || body.size() != 1 || !(e.get("message") instanceof String)) {
            throw new AssertionError("Expected an error answer {\"e\":{\"message\":...}} but got " + answer.text());
        }
        return (String) e.get("message");
    }

    /** The values of a success answer {@code {"p":[...]}}. */
    static List<?> valuesOf(ReceivedMessage answer) {
        Map<?, ?> body = answer.decode(Map.class);
        if (!(body.get("p") instanceof List<?> p) || body.size() != 1) {
            throw new AssertionError("Expected an answer {\"p\":[...]} but got " + answer.text());
        }
        return p;
    }
}
