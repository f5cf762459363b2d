package dev.rts.rpc;

/**
 * A method registered as a lambda with {@link Rpc#method(String, RpcAction)}:
 * <pre>{@code
 * rpc.method("math.add", call -> {
 *     int a = call.param(0, int.class);
 *     int b = call.param(1, int.class);
 *     return a + b;
 * });
 * }</pre>
 */
@FunctionalInterface
public interface RpcAction {

    /**
     * Runs the method on a worker thread. It may block, but a blocked worker serves no one else: prefer returning a
     * {@link java.util.concurrent.CompletionStage} for slow work.
     *
     * @param call the call, with its arguments
     * @return the answer: a value {@code v} answers {@code [v]}, a {@link java.util.concurrent.CompletionStage}
     *         answers its value when it completes; ignored once the action asked for {@link RpcCall#responder()}
     * @throws Exception to answer an error with the exception's message; see {@link RpcException}
     */
    Object call(RpcCall call) throws Exception;
}
