package dev.rts.rpc;

/**
 * Runs before the methods of a scope ({@link Rpc#use(String, RpcMiddleware)}): checks the caller, loads what the
 * method needs into {@link RpcCall#attributes()}, transforms {@link RpcCall#params()}, then continues with
 * {@link Chain#next()} or stops the call with {@link Chain#fail(String)}.
 *
 * <pre>{@code
 * rpc.use("shop", (call, chain) -> {
 *     call.attributes().put("cart", carts.of(call.request().session()));
 *     chain.next();
 * });
 * }</pre>
 */
@FunctionalInterface
public interface RpcMiddleware {

    /**
     * Handles one call on a worker thread. Call exactly one of {@code chain.next()} and {@code chain.fail(...)}, now
     * or later from any thread; a call that does neither is answered by the timeout. Throwing stops the call like
     * {@code fail} with the exception's message (see {@link RpcException} for logging).
     *
     * @param call  the call
     * @param chain continues or stops the call
     * @throws Exception to stop the call with an error
     */
    void handle(RpcCall call, Chain chain) throws Exception;

    /**
     * A middleware that lets only calls from a session with a signed-in user through
     * ({@link dev.rts.api.Session#userId()}); others fail with
     * {@code Not signed in: 'admin.stats' needs a signed-in user}. Local calls have no user, so it refuses them.
     *
     * @return the middleware
     */
    static RpcMiddleware requireUser() {
        return (call, chain) -> {
            if (call.userId().isPresent()) {
                chain.next();
            } else {
                chain.fail("Not signed in: '" + call.method() + "' needs a signed-in user");
            }
        };
    }

    /**
     * Continues or stops one call. Only the first call of either method counts; later ones are logged and ignored.
     * Thread-safe.
     */
    interface Chain {

        /**
         * Runs the next middleware, or the method after the last one. Called during
         * {@link RpcMiddleware#handle(RpcCall, Chain)} it runs on the same thread before {@code next()} returns;
         * called later it runs on a worker thread.
         */
        void next();

        /**
         * Stops the call: the method does not run, and the caller gets an error with this message.
         *
         * @param message the message for the caller, not {@code null}
         */
        void fail(String message);
    }
}
