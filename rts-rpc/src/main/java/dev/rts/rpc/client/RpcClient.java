package dev.rts.rpc.client;

import dev.rts.client.ClientMessage;
import dev.rts.client.RtsClient;
import dev.rts.client.RtsErrorException;
import dev.rts.client.ServiceHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The JVM half of rts-rpc: typed calls from another JVM process through an {@link RtsClient}, which itself knows
 * nothing of rpc. It sends {@code {"m":method,"p":[params...]}} and reads {@code {"p":[value, ...]}} or
 * {@code {"e":{"message":...}}}.
 *
 * <pre>{@code
 * RpcClient rpc = RpcClient.of(client);
 * int square = rpc.call("demo.square", Integer.class, 5).get(5, TimeUnit.SECONDS);
 * }</pre>
 *
 * <p>Needs {@code dev.rts:rts-client} next to {@code rts-rpc} (rts-rpc declares it optional, so servers do not get
 * it). Thread-safe and stateless: create one per client or per call, as convenient.
 */
public final class RpcClient {

    private final RtsClient client;
    private final String serviceName;

    private RpcClient(RtsClient client, String serviceName) {
        this.client = client;
        this.serviceName = serviceName;
    }

    /**
     * Calls through the rpc service mounted as {@code "rpc"}, its default name.
     *
     * @param client the connected (or connecting) client, not {@code null}
     * @return the rpc client
     */
    public static RpcClient of(RtsClient client) {
        return of(client, "rpc");
    }

    /**
     * Calls through an rpc service mounted under another name.
     *
     * @param client      the client, not {@code null}
     * @param serviceName the mount name of the rpc service, not {@code null}
     * @return the rpc client
     */
    public static RpcClient of(RtsClient client, String serviceName) {
        return new RpcClient(Objects.requireNonNull(client, "client"), Objects.requireNonNull(serviceName,
                "serviceName"));
    }

    /**
     * Calls {@code method} and decodes the first value it answered. For methods that answer several values (such as
     * the error-first {@code [null, value]}), call {@code client.service("rpc").call(...)} and read {@code p}
     * yourself. Never blocks.
     *
     * @param method     the full method name, such as {@code "demo.square"}, not {@code null}
     * @param resultType the type to decode the first answered value into, not {@code null}
     * @param params     the arguments, encoded as JSON; {@code null} alone stands for one {@code null} argument
     * @param <T>        the result type
     * @return completes, on the client's transport thread, with the first answered value, or {@code null} if the
     *         method answered none or {@code null}; fails with {@link RtsErrorException} carrying the server's
     *         message on an error answer, when not connected, or when the connection closes first; fails with
     *         {@link IllegalArgumentException} if the value does not decode into {@code resultType} or the answer is
     *         not an rpc answer. Cancelling it stops the client waiting for the answer
     * @throws IllegalArgumentException if the server offers no service under this client's service name
     */
    public <T> CompletableFuture<T> call(String method, Class<T> resultType, Object... params) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(resultType, "resultType");
        List<Object> args = params == null ? Collections.singletonList(null) : Arrays.asList(params);
        ServiceHandle rpc = client.service(serviceName);
        CompletableFuture<ClientMessage> answer = rpc.call(Map.of("m", method, "p", args));
        CompletableFuture<T> result = answer.thenApply(message -> first(method, message, resultType));
        // When the app gives the result up (cancel, orTimeout), the call no longer waits for its answer either.
        result.whenComplete((value, error) -> answer.cancel(false));
        return result;
    }

    private <T> T first(String method, ClientMessage message, Class<T> type) {
        Map<?, ?> answer;
        try {
            answer = message.decode(Map.class);
        } catch (IllegalArgumentException e) {
            answer = null;
        }
        if (answer != null && answer.get("e") instanceof Map<?, ?> error) {
            throw new RtsErrorException(error.get("message") instanceof String text ? text
                    : "Rpc '" + method + "' failed without a message: " + message.text());
        }
        if (answer == null || !(answer.get("p") instanceof List<?> values)) {
            throw new IllegalArgumentException("Expected an rpc answer {\"p\":[...]} or {\"e\":{\"message\":...}} "
                    + "for '" + method + "' but got " + message.text());
        }
        if (values.isEmpty() || values.get(0) == null) {
            return null;
        }
        try {
            return client.json().convert(values.get(0), type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Rpc '" + method + "' answered " + client.json().encode(values.get(0))
                    + ", which is not " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
