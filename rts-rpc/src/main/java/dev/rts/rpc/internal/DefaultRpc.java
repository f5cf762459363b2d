package dev.rts.rpc.internal;

import dev.rts.api.Api;
import dev.rts.api.Json;
import dev.rts.api.Request;
import dev.rts.api.ServiceContext;
import dev.rts.rpc.Rpc;
import dev.rts.rpc.RpcAction;
import dev.rts.rpc.RpcException;
import dev.rts.rpc.RpcMiddleware;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The {@link Rpc} API and the call pipeline: timeout, middleware chain, action, answer. Every step runs on a worker
 * thread: the connection's lane for methods that return quickly ({@link Pace}), the server's worker executor for the
 * others. Timeouts are found by one periodic sweep over the calls in flight, not by a timer per call.
 */
final class DefaultRpc implements Rpc {

    private final ServiceContext context;
    private final Duration timeout;
    private final long timeoutNanos;
    private final MethodTable table = new MethodTable();
    /**
     * The unanswered calls by socket id, so that a closed connection's calls end with it. A connection's set stays,
     * empty, between calls (a quick call would otherwise create and drop one each time) and goes when it closes.
     */
    private final Map<String, Set<DefaultRpcCall>> inFlight = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /** Creates the pipeline; its timeout sweep runs on {@code timers} until the service stops it. */
    DefaultRpc(ServiceContext context, Duration timeout, ScheduledExecutorService timers) {
        this.context = context;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        long period = sweepPeriod(timeout).toNanos();
        timers.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
    }

    /** A tenth of the timeout, between 10 ms and 1 s: a call times out at most that much late. */
    static Duration sweepPeriod(Duration timeout) {
        long tenth = timeout.toMillis() / 10;
        return Duration.ofMillis(Math.max(10, Math.min(1000, tenth)));
    }

    String name() {
        return context.name();
    }

    Json json() {
        return context.json();
    }

    Api api() {
        return context.api();
    }

    Logger log() {
        return context.logger();
    }

    // ---- registration ----

    @Override
    public Rpc namespace(String namespace, Object handler) {
        MethodTable.checkName("Namespace", namespace);
        table.add(MethodEndpoint.scan(namespace, Objects.requireNonNull(handler, "handler")));
        return this;
    }

    @Override
    public Rpc method(String name, RpcAction action) {
        MethodTable.checkName("Method name", name);
        if (!name.contains(".")) {
            throw new IllegalArgumentException("Method name '" + name + "' needs a namespace, such as 'demo." + name
                    + "'");
        }
        table.add(Map.of(name, new Endpoint.Lambda(name, Objects.requireNonNull(action, "action"))));
        return this;
    }

    @Override
    public Rpc use(String scope, RpcMiddleware middleware) {
        if (!Objects.requireNonNull(scope, "scope").isEmpty()) {
            MethodTable.checkName("Scope", scope);
        }
        table.use(scope, middleware);
        return this;
    }

    @Override
    public List<String> methods() {
        return table.names();
    }

    // ---- calls ----

    @Override
    public CompletableFuture<List<Object>> call(String method, Object... params) {
        Objects.requireNonNull(method, "method");
        List<Object> args = params == null ? Collections.singletonList(null) : Arrays.asList(params);
        List<Object> converted;
        try {
            converted = json().convert(args, List.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot pass the arguments of '" + method + "' as JSON: "
                    + e.getMessage(), e);
        }
        if (stopped) {
            return CompletableFuture.failedFuture(new IllegalStateException("The rpc service '" + context.name()
                    + "' has stopped; it takes no more calls"));
        }
        CompletableFuture<List<Object>> result = new CompletableFuture<>();
        dispatch(method, new ArrayList<>(converted), new LocalRequest(context.name()), false, outcome -> {
            if (outcome instanceof Outcome.Answer answer) {
                result.complete(Collections.unmodifiableList(new ArrayList<>(answer.values())));
            } else if (outcome instanceof Outcome.Failure failure) {
                result.completeExceptionally(new RpcException(failure.message(), failure.cause()));
            }
        });
        return result;
    }

    /**
     * Starts a call. A quick method runs right here when {@code onLane} (the caller is the connection's lane, a worker
     * thread); everything else is handed to the worker executor. Never throws.
     *
     * @param params the arguments; the call owns this list from now on
     */
    void dispatch(String method, List<Object> params, Request request, boolean onLane, Consumer<Outcome> sink) {
        DefaultRpcCall call = new DefaultRpcCall(this, method, params, request, sink, System.nanoTime() + timeoutNanos);
        if (stopped) {
            call.fail(stoppedMessage(call));
            return;
        }
        Set<DefaultRpcCall> calls = inFlight.get(request.socketId());
        if (calls == null) {
            calls = inFlight.computeIfAbsent(request.socketId(), socketId -> ConcurrentHashMap.newKeySet());
        }
        calls.add(call);
        Endpoint endpoint = table.find(method);
        if (onLane && endpoint != null && endpoint.pace().quick()) {
            start(call, endpoint);
        } else {
            execute(call, () -> start(call, endpoint));
        }
    }

    /** Fails the calls whose deadline passed; runs on the service's timer thread. */
    private void sweep() {
        long now = System.nanoTime();
        for (Set<DefaultRpcCall> calls : inFlight.values()) {
            for (DefaultRpcCall call : calls) {
                // Once per call: while workers are busy, later sweeps must not queue the same timeout again.
                if (now - call.deadline() >= 0 && !call.isAnswered() && call.claimTimeout()) {
                    execute(call, () -> timedOut(call));
                }
            }
        }
    }

    private void timedOut(DefaultRpcCall call) {
        if (call.fail("Method '" + call.method() + "' did not answer within " + RpcConfig.describe(timeout))) {
            log().warn("Rpc '{}' from socket {} timed out after {}", call.method(), call.request().socketId(),
                    RpcConfig.describe(timeout));
        }
    }

    /** Runs a step of a call on a worker; if the server no longer takes work, fails the call. */
    void execute(DefaultRpcCall call, Runnable step) {
        Executor executor = context.executor();
        try {
            executor.execute(step);
        } catch (RejectedExecutionException e) {
            call.fail(stoppedMessage(call));
        }
    }

    private String stoppedMessage(DefaultRpcCall call) {
        return "The server is stopping; method '" + call.method() + "' was not answered";
    }

    private void start(DefaultRpcCall call, Endpoint endpoint) {
        if (endpoint == null) {
            call.fail(table.unknown(call.method()));
            return;
        }
        long began = System.nanoTime();
        List<RpcMiddleware> middleware = table.middlewareFor(call.method());
        if (middleware.isEmpty()) {
            // No chain to walk: the action runs at once, unless the call was answered meanwhile (timed out, stopped).
            if (!call.isAnswered()) {
                act(call, endpoint);
            }
        } else {
            new Step(call, endpoint, middleware, 0).run();
        }
        endpoint.pace().record(System.nanoTime() - began);
    }

    /**
     * Lets an out-of-memory or stack overflow go on after the caller got its error: the connection's lane reports it
     * to the server's fatal-error handler (by default: log and halt), as for any other service.
     */
    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    /** Runs the action and turns its return value into the answer. */
    private void act(DefaultRpcCall call, Endpoint endpoint) {
        call.startAction();
        Object result;
        try {
            result = endpoint.run(call);
        } catch (Throwable e) {
            call.failWith(e);
            rethrowIfFatal(e);
            return;
        }
        if (call.answeredByHand()) {
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> {
                if (error != null) {
                    call.failWith(error);
                } else {
                    call.answer(Collections.singletonList(value));
                }
            });
        } else {
            call.answer(endpoint.answersNothing() ? List.of() : Collections.singletonList(result));
        }
    }

    void finished(DefaultRpcCall call) {
        Set<DefaultRpcCall> calls = inFlight.get(call.request().socketId());
        if (calls != null) {
            calls.remove(call);
        }
    }

    /**
     * Ends the calls of a connection that closed: nobody can receive their answers, so their middleware and methods
     * that have not started yet never start, their timers go, and their responders return {@code false}. Runs after
     * every message handler call of the connection returned, so no new call of it follows.
     */
    void disconnected(String socketId) {
        Set<DefaultRpcCall> calls = inFlight.remove(socketId);
        if (calls != null) {
            for (DefaultRpcCall call : List.copyOf(calls)) {
                call.abandon("The connection closed before method '" + call.method() + "' answered");
            }
        }
    }

    /** Fails every call still in flight; the scheduler is the service's to shut down. */
    void stop() {
        stopped = true;
        for (Set<DefaultRpcCall> calls : List.copyOf(inFlight.values())) {
            for (DefaultRpcCall call : List.copyOf(calls)) {
                call.fail(stoppedMessage(call));
            }
        }
    }

    /** One link of the middleware chain: runs middleware {@code index}, or the action after the last. */
    private final class Step implements RpcMiddleware.Chain {
        private final DefaultRpcCall call;
        private final Endpoint endpoint;
        private final List<RpcMiddleware> middleware;
        private final int index;
        private final AtomicBoolean used = new AtomicBoolean();
        private volatile Thread inline;

        Step(DefaultRpcCall call, Endpoint endpoint, List<RpcMiddleware> middleware, int index) {
            this.call = call;
            this.endpoint = endpoint;
            this.middleware = middleware;
            this.index = index;
        }

        void run() {
            if (call.isAnswered()) {
                return; // timed out or stopped meanwhile: start no more work
            }
            if (index == middleware.size()) {
                act(call, endpoint);
                return;
            }
            Step next = new Step(call, endpoint, middleware, index + 1);
            next.inline = Thread.currentThread();
            try {
                middleware.get(index).handle(call, next);
            } catch (Throwable e) {
                call.failWith(e);
                rethrowIfFatal(e);
            } finally {
                next.inline = null;
            }
        }

        private boolean once(String what) {
            if (used.compareAndSet(false, true)) {
                return true;
            }
            log().warn("Middleware {} of rpc '{}' called {} after the chain was already continued or stopped; "
                    + "ignored", middleware.get(index - 1).getClass().getName(), call.method(), what);
            return false;
        }

        @Override
        public void next() {
            if (once("next()")) {
                if (inline == Thread.currentThread()) {
                    run();
                } else {
                    execute(call, this::run);
                }
            }
        }

        @Override
        public void fail(String message) {
            if (once("fail()")) {
                call.fail(Objects.requireNonNull(message, "message"));
            }
        }
    }
}
