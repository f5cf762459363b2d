package dev.rts.rpc.internal;

import dev.rts.api.Message;
import dev.rts.api.MessageHandler;
import dev.rts.api.Reply;
import dev.rts.api.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * The wire side: reads {@code {"m":"demo.square","p":[5]}}, starts the call, and answers {@code {"p":[...]}} or
 * {@code {"e":{"message":"..."}}} to the request's callback. A quick method runs on the connection's lane before this
 * returns; others run on workers, so that one connection can have several in flight.
 */
final class WireHandler implements MessageHandler {

    static final String EXAMPLE = "{\"m\":\"demo.square\",\"p\":[5]}";
    private static final int MAX_QUOTED = 80;

    private final DefaultRpc rpc;
    private final int maxInFlight;
    /** The connection attribute counting this service's unanswered calls; it goes away with the connection. */
    private final String inFlightKey;

    WireHandler(DefaultRpc rpc, int maxInFlight) {
        this.rpc = rpc;
        this.maxInFlight = maxInFlight;
        this.inFlightKey = "dev.rts.rpc.inFlight." + rpc.name();
    }

    @Override
    public void handle(Message message, Request request, Reply reply) {
        String text = message.text();
        Object body;
        try {
            body = rpc.json().decode(text, Object.class);
        } catch (IllegalArgumentException e) {
            malformed(request, reply, "Expected an rpc request such as " + EXAMPLE + " but got "
                    + (text.isEmpty() ? "an empty payload" : "invalid JSON: " + quote(text)));
            return;
        }
        if (!(body instanceof Map<?, ?> map)) {
            malformed(request, reply, "Expected an rpc request such as " + EXAMPLE + " but got " + quote(text));
            return;
        }
        Object method = map.get("m");
        if (method == null) {
            malformed(request, reply, "Rpc request needs \"m\", the method name, such as " + EXAMPLE + "; got "
                    + quote(text));
            return;
        }
        if (!(method instanceof String name)) {
            malformed(request, reply, "Rpc request \"m\" must be a string such as \"demo.square\" but was "
                    + Params.found(rpc.json(), method));
            return;
        }
        Object params = map.get("p");
        if (params != null && !(params instanceof List)) {
            malformed(request, reply, "Rpc request \"p\" must be an array of arguments such as [5] but was "
                    + Params.found(rpc.json(), params));
            return;
        }
        // The core hands this connection's next message over as soon as this returns, so bound what it may queue.
        AtomicInteger inFlight = (AtomicInteger) request.attributes().computeIfAbsent(inFlightKey,
                k -> new AtomicInteger());
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            rpc.log().debug("Refused rpc {} from socket {}: {} calls in flight", MethodTable.quote(name),
                    request.socketId(), maxInFlight);
            answer(name, request, reply, new Outcome.Failure("Too many rpc calls in flight on this connection (at "
                    + "most " + maxInFlight + "); wait for answers before sending more", null));
            return;
        }
        // This handler runs on the connection's lane, so a quick method may run right here. The decoded list is this
        // call's own (nothing else holds the request body), so the call takes it over without a copy.
        @SuppressWarnings("unchecked")
        List<Object> args = params == null ? new ArrayList<>() : (List<Object>) params;
        rpc.dispatch(name, args, request, true,
                outcome -> {
                    inFlight.decrementAndGet();
                    answer(name, request, reply, outcome);
                });
    }

    private void malformed(Request request, Reply reply, String message) {
        rpc.log().debug("Malformed rpc request from socket {}: {}", request.socketId(), message);
        answer(null, request, reply, new Outcome.Failure(message, null));
    }

    private static String quote(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }

    /** Sends the outcome to the request's callback; a request without one gets nothing, and failures are logged. */
    private void answer(String method, Request request, Reply reply, Outcome outcome) {
        Logger log = rpc.log();
        if (!reply.expected()) {
            // DEBUG: a client can send such requests as fast as it likes, and methods that throw are already
            // logged at ERROR with their stack.
            if (outcome instanceof Outcome.Failure failure) {
                log.debug("Rpc {} from socket {} failed, and the request has no callback to tell: {}",
                        method == null ? "request" : MethodTable.quote(method), request.socketId(), failure.message());
            }
            return;
        }
        try {
            if (!reply.send(payload(outcome))) {
                log.debug("Socket {} closed before its rpc answer was sent", request.socketId());
            }
        } catch (RuntimeException e) {
            log.error("Rpc '{}' answered values that cannot be encoded as JSON for socket {}", method,
                    request.socketId(), e);
            reply.send(payload(new Outcome.Failure("Method '" + method + "' answered a value the server cannot "
                    + "encode as JSON", e)));
        }
    }

    private static Object payload(Outcome outcome) {
        if (outcome instanceof Outcome.Answer answer) {
            return Map.of("p", answer.values());
        }
        return Map.of("e", Map.of("message", ((Outcome.Failure) outcome).message()));
    }
}
