package dev.rts.rpc.internal;

import dev.rts.api.Api;
import dev.rts.api.Request;
import dev.rts.rpc.Responder;
import dev.rts.rpc.RpcCall;
import dev.rts.rpc.RpcException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * One call in flight: its arguments and attributes, and the once-only answer that the action, a middleware, the
 * timeout or the service's stop gives, whichever comes first.
 */
final class DefaultRpcCall implements RpcCall {

    private final DefaultRpc rpc;
    private final String method;
    private final List<Object> params;
    private final Request request;
    private final Consumer<Outcome> sink;
    /** Set once, by whichever answer comes first (through {@link #ANSWERED}): no atomic object per call. */
    private volatile boolean answered;
    /** Set once, by the sweep that queues this call's timeout (through {@link #TIMEOUT_CLAIMED}). */
    private volatile boolean timeoutClaimed;
    private final long started = System.nanoTime();
    private final long deadline;
    /** Created on first use: most calls have no attributes. */
    private volatile Map<String, Object> attributes;
    private volatile boolean actionStarted;
    private volatile boolean byHand;

    private static final VarHandle ANSWERED;
    private static final VarHandle TIMEOUT_CLAIMED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ANSWERED = lookup.findVarHandle(DefaultRpcCall.class, "answered", boolean.class);
            TIMEOUT_CLAIMED = lookup.findVarHandle(DefaultRpcCall.class, "timeoutClaimed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param params   the arguments, a mutable list the call takes over (middleware may change it)
     * @param deadline the {@link System#nanoTime()} after which the call times out
     */
    DefaultRpcCall(DefaultRpc rpc, String method, List<Object> params, Request request, Consumer<Outcome> sink,
                   long deadline) {
        this.rpc = rpc;
        this.method = method;
        this.params = params;
        this.request = request;
        this.sink = sink;
        this.deadline = deadline;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public List<Object> params() {
        return params;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T param(int index, Type type) {
        if (index < 0 || index >= params.size()) {
            throw new RpcException("Method '" + method + "' needs at least " + Params.count(index + 1) + " but got "
                    + params.size());
        }
        return (T) Params.convert(rpc.json(), method, index + 1, type, params.get(index));
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public Optional<String> userId() {
        return request.sessionId().isPresent() ? request.session().userId() : Optional.empty();
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> map = attributes;
        if (map == null) {
            synchronized (this) {
                map = attributes;
                if (map == null) {
                    map = new ConcurrentHashMap<>();
                    attributes = map;
                }
            }
        }
        return map;
    }

    @Override
    public Responder responder() {
        if (!actionStarted) {
            throw new IllegalStateException("responder() is for the method of '" + method + "'; middleware continues "
                    + "with chain.next() or stops the call with chain.fail(message)");
        }
        byHand = true;
        return new CallResponder();
    }

    Api api() {
        return rpc.api();
    }

    void startAction() {
        actionStarted = true;
    }

    boolean answeredByHand() {
        return byHand;
    }

    boolean isAnswered() {
        return answered;
    }

    long deadline() {
        return deadline;
    }

    /** True the first time only: the sweep that found this call overdue queues its timeout once. */
    boolean claimTimeout() {
        return TIMEOUT_CLAIMED.compareAndSet(this, false, true);
    }

    long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Answers values. */
    boolean answer(List<Object> values) {
        return finish(new Outcome.Answer(values));
    }

    /** Answers an error the server expected, such as a bad argument: logged at DEBUG only. */
    boolean fail(String message) {
        return finish(new Outcome.Failure(message, null));
    }

    /** Ends the call without answering, for a caller that can no longer receive the answer. */
    boolean abandon(String why) {
        return finish(new Outcome.Failure(why, null), false);
    }

    /** Answers an error for something thrown: an RpcException's message as is; anything else is also logged. */
    boolean failWith(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof RpcException) {
            return finish(new Outcome.Failure(messageOf(e), e));
        }
        rpc.log().error("Rpc '{}' from socket {} failed", method, request.socketId(), e);
        return finish(new Outcome.Failure(messageOf(e), e));
    }

    private String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "Method '" + method + "' failed (" + e.getClass()
                .getSimpleName() + ")" : message;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof InvocationTargetException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private boolean finish(Outcome outcome) {
        return finish(outcome, true);
    }

    /** Ends the call if it was not answered yet, giving the outcome to the caller if {@code deliver}. */
    private boolean finish(Outcome outcome, boolean deliver) {
        Logger log = rpc.log();
        if (!ANSWERED.compareAndSet(this, false, true)) {
            log.debug("Rpc '{}' from socket {} was answered again after {} ms; the later answer was ignored", method,
                    request.socketId(), elapsedMillis());
            return false;
        }
        rpc.finished(this);
        if (log.isDebugEnabled()) {
            if (outcome instanceof Outcome.Failure failure) {
                log.debug("Rpc '{}' from socket {} failed in {} ms: {}", method, request.socketId(), elapsedMillis(),
                        failure.message());
            } else {
                log.debug("Rpc '{}' from socket {} answered in {} ms", method, request.socketId(), elapsedMillis());
            }
        }
        if (!deliver) {
            return true;
        }
        try {
            sink.accept(outcome);
        } catch (RuntimeException e) {
            log.error("Rpc '{}' from socket {} could not deliver its answer", method, request.socketId(), e);
        }
        return true;
    }

    @Override
    public String toString() {
        return "RpcCall[" + method + " from " + request.socketId() + "]";
    }

    /** The call's responder: answers once, from any thread. */
    private final class CallResponder implements Responder {

        @Override
        public boolean respond(Object... values) {
            return answer(values == null ? Arrays.asList((Object) null) : new ArrayList<>(Arrays.asList(values)));
        }

        @Override
        public boolean fail(String message) {
            return DefaultRpcCall.this.fail(Objects.requireNonNull(message, "message"));
        }
    }
}
