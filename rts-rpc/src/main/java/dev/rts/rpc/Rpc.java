package dev.rts.rpc;

import dev.rts.api.Service;
import dev.rts.rpc.internal.RpcConfig;
import dev.rts.rpc.internal.RpcService;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The server-side API of the rpc service: register the methods browsers and other JVMs may call, the middleware that
 * runs before them, and call them locally.
 *
 * <p>The service is found with {@link java.util.ServiceLoader} and mounted as {@code "rpc"}; get this API from the
 * shared api once the server has started:
 * <pre>{@code
 * Rpc rpc = api.get("rpc", Rpc.class);
 * rpc.namespace("demo", new DemoActions())              // demo.square, demo.add, ... : its public methods
 *    .namespace("admin.users", new UserActions())       // admin.users.list, ...
 *    .use("admin", RpcMiddleware.requireUser())         // before every admin.* method
 *    .method("time.now", call -> Instant.now().toString());
 * }</pre>
 *
 * <h2>Methods</h2>
 * A method is named {@code namespace.method}; namespaces may be nested ({@code admin.users.list}). Every public
 * instance method of a handler object is mounted under its Java name, except those {@link Object} declares. Its
 * parameters take the caller's arguments in order, decoded from JSON into their Java types (records, generics such as
 * {@code List<Point>}, primitives, enums by name, {@code null} for reference types), except parameters of these types,
 * which are injected instead and take no argument: {@link RpcCall}, {@link dev.rts.api.Request},
 * {@link dev.rts.api.Api} and {@link Responder}. A caller must pass exactly as many arguments as the method takes.
 *
 * <h2>Answers</h2>
 * A call answers with a list of values, handed to a browser callback as separate arguments:
 * <ul>
 *   <li>a return value {@code v} answers {@code [v]} (so {@code null} answers {@code [null]});</li>
 *   <li>{@code void} answers {@code []} once the method returned;</li>
 *   <li>a {@link java.util.concurrent.CompletionStage} answers {@code [v]} when it completes with {@code v}, or an
 *       error when it fails;</li>
 *   <li>a method that takes a {@link Responder} must return {@code void}, and answers any list of values, at any time,
 *       from any thread: {@code responder.respond(null, 25)} answers {@code [null, 25]}, the reference's error-first
 *       convention.</li>
 * </ul>
 * A method that throws answers an error with the exception's message: throw {@link RpcException} for errors meant for
 * the caller (logged at DEBUG), anything else is logged with its stack trace, which never reaches the caller. A call
 * not answered within the service's timeout ({@link Builder#timeout}, default 30 s) answers an error naming the method. Every
 * call is answered exactly once; later answers are ignored.
 *
 * <h2>Threading</h2>
 * Middleware and methods run on the server's worker executor, never on an I/O thread, and several calls from one
 * connection run at the same time, so methods must be thread-safe. All methods of this interface are thread-safe and
 * may be called at any time, also while calls are running.
 */
public interface Rpc {

    /**
     * A new, unstarted rpc service, for apps that mount services by hand instead of discovering them, for example
     * under another name. For other settings use {@link #builder()}. Register methods through the {@code Rpc} API the server publishes once
     * started. Discovery may stay on: the server skips the discovered instance of the same class.
     *
     * @return a service to pass to the server builder
     */
    static Service service() {
        return new RpcService();
    }

    /**
     * A builder for an rpc service with other settings than the defaults; the one way to configure rpc (it takes no
     * string-keyed options map). Mount what it builds by hand; discovery may stay on, the server then skips the
     * discovered instance.
     *
     * <pre>{@code
     * RtsServer.builder().service(Rpc.builder().timeout(Duration.ofSeconds(5)).maxInFlight(20).build())
     * }</pre>
     *
     * @return a new builder with the defaults
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Settings of an rpc service, each checked when set. Not thread-safe; {@link #build()} may be called several
     * times, each time making a new service.
     */
    final class Builder {

        private Duration timeout = RpcConfig.DEFAULT_TIMEOUT;
        private Duration clientTimeout;
        private int maxInFlight = RpcConfig.DEFAULT_MAX_IN_FLIGHT;

        private Builder() {
        }

        /**
         * How long a call may take on the server, middleware included (default 30 s). A call not answered in time
         * answers an error naming the method.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive("timeout", timeout);
            return this;
        }

        /**
         * How long a browser waits before failing a call itself (default: {@code timeout} + 5 s, so that the
         * server's clearer error arrives first). Sent to browsers as {@code client.options.timeout}.
         *
         * @param clientTimeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder clientTimeout(Duration clientTimeout) {
            this.clientTimeout = positive("clientTimeout", clientTimeout);
            return this;
        }

        /**
         * How many calls one connection may have unanswered (default 100); further calls get an error at once, so
         * that one connection cannot queue unbounded work on the workers.
         *
         * @param maxInFlight at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxInFlight(int maxInFlight) {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("Rpc maxInFlight must be at least 1 but was " + maxInFlight);
            }
            this.maxInFlight = maxInFlight;
            return this;
        }

        /**
         * Makes a new, unstarted service with these settings.
         *
         * @return a service to pass to the server builder
         */
        public Service build() {
            return new RpcService(new RpcConfig(timeout, clientTimeout != null ? clientTimeout
                    : timeout.plus(RpcConfig.CLIENT_GRACE), maxInFlight));
        }

        private static Duration positive(String property, Duration value) {
            Objects.requireNonNull(value, property);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("Rpc " + property + " must be a positive duration but was "
                        + value.toMillis() + " ms");
            }
            return value;
        }
    }

    /**
     * Mounts every public instance method of a handler object under a namespace: method {@code square} of a handler
     * mounted as {@code "demo"} is called as {@code demo.square}.
     *
     * @param namespace a name such as {@code "demo"} or {@code "admin.users"}: letters, digits, {@code _}, {@code -}
     *                  and {@code $}, in segments separated by single dots
     * @param handler   the object whose methods are called, from several threads at once
     * @return this API, for chaining
     * @throws IllegalArgumentException if the namespace is not valid, the handler has no public methods, has two
     *                                  public methods of one name, a method that takes a {@link Responder} but does
     *                                  not return {@code void}, or a method whose name is already registered; nothing
     *                                  is mounted then
     */
    Rpc namespace(String namespace, Object handler);

    /**
     * Registers one method as a lambda.
     *
     * @param name   the full name, with at least one namespace, such as {@code "math.add"}
     * @param action the action; it reads its arguments with {@link RpcCall#param(int, java.lang.reflect.Type)} and
     *               answers like a method returning {@code Object} (see the class documentation)
     * @return this API, for chaining
     * @throws IllegalArgumentException if the name is not valid or already registered
     */
    Rpc method(String name, RpcAction action);

    /**
     * Adds middleware that runs before every method in a scope. Middleware of enclosing scopes runs first (everything,
     * then {@code admin}, then {@code admin.users}, then {@code admin.users.list}), and middleware of one scope in the
     * order it was added. It applies to methods registered before and after it.
     *
     * @param scope      a namespace, which covers every method under it at any depth; a full method name, which
     *                   covers that method; or {@code ""}, which covers every method
     * @param middleware the middleware
     * @return this API, for chaining
     * @throws IllegalArgumentException if the scope is not a valid name
     */
    Rpc use(String scope, RpcMiddleware middleware);

    /**
     * The names of the registered methods.
     *
     * @return a sorted snapshot, such as {@code [admin.users.list, demo.add, demo.square]}
     */
    List<String> methods();

    /**
     * Calls a method from server code, as a remote caller would: the arguments are converted to JSON values and back
     * to the method's parameter types, middleware runs, and the timeout applies. The call has no session: its
     * {@link RpcCall#request()} is a local request whose {@code session()} throws, and {@link RpcCall#userId()} is
     * empty, so {@link RpcMiddleware#requireUser()} refuses it. Never blocks.
     *
     * @param method the full method name, such as {@code "demo.square"}
     * @param params the arguments; {@code null} alone stands for one {@code null} argument
     * @return completes with the values the method answered, as Java objects (not converted to JSON), in an
     *         unmodifiable list that may hold {@code null}; fails with an {@link RpcException} carrying the message a
     *         remote caller would get, or with {@link IllegalStateException} after the server stopped
     * @throws IllegalArgumentException if an argument cannot be converted to JSON
     */
    CompletableFuture<List<Object>> call(String method, Object... params);
}
