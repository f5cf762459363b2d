package dev.rts.rpc.internal;

import dev.rts.rpc.RpcAction;

/**
 * Something a method name can call: a handler object's method or a lambda.
 */
sealed interface Endpoint permits MethodEndpoint, Endpoint.Lambda {

    /** What to say about it in logs and messages, such as {@code DemoActions.square(int)}. */
    String description();

    /** Whether a normal return answers no values (a {@code void} method). */
    boolean answersNothing();

    /** How fast this endpoint's calls return, to choose where the next one runs. */
    Pace pace();

    /**
     * Runs it.
     *
     * @return the return value, which the caller turns into an answer unless the call is answered by hand
     * @throws Exception what the code threw, unwrapped
     */
    Object run(DefaultRpcCall call) throws Exception;

    /** A method registered as a lambda. */
    record Lambda(String name, RpcAction action, Pace pace) implements Endpoint {

        Lambda(String name, RpcAction action) {
            this(name, action, new Pace());
        }

        @Override
        public String description() {
            return "a lambda";
        }

        @Override
        public boolean answersNothing() {
            return false;
        }

        @Override
        public Object run(DefaultRpcCall call) throws Exception {
            return action.call(call);
        }
    }
}
