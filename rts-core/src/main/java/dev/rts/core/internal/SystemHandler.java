package dev.rts.core.internal;

import dev.rts.api.Feature;
import dev.rts.api.Message;
import dev.rts.api.MessageHandler;
import dev.rts.api.Reply;
import dev.rts.core.Admission;
import dev.rts.api.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The handler of service 0, {@code _system}: the connect handshake and service discovery. Private, JSON with
 * callbacks. It reaches the server only through {@link SystemHost}.
 */
final class SystemHandler implements MessageHandler {

    static final String NAME = "_system";
    static final Set<Feature> FEATURES = Set.of(Feature.JSON, Feature.CALLBACKS);

    private final SystemHost host;
    private final ErrorReplies errors;

    SystemHandler(SystemHost host, ErrorReplies errors) {
        this.host = host;
        this.errors = errors;
    }

    /** Runs on the connection's serial executor, like every handler. */
    @Override
    public void handle(Message message, Request request, Reply reply) {
        DefaultRequest origin = (DefaultRequest) request;
        DefaultReply answer = (DefaultReply) reply;
        Map<?, ?> command;
        try {
            command = message.decode(Map.class);
        } catch (IllegalArgumentException e) {
            errors.send(origin.state(), origin.mounted(), answer.callbackId(), "System command must be a JSON object "
                    + "like {\"c\":\"connect\"}: " + e.getMessage());
            return;
        }
        Object name = command == null ? null : command.get("c");
        if ("connect".equals(name)) {
            connect(origin, answer, command);
        } else if ("discover".equals(name)) {
            reply.send(host.services());
        } else if ("refresh".equals(name)) {
            refresh(origin, answer, command.get("token"));
        } else {
            errors.send(origin.state(), origin.mounted(), answer.callbackId(), "Unknown system command "
                    + (name == null ? "(none)" : "'" + name + "'") + "; expected 'connect', 'discover' or 'refresh'");
        }
    }

    private void connect(DefaultRequest origin, DefaultReply reply, Map<?, ?> command) {
        ConnectionState state = origin.state();
        if (state.session != null) {
            errors.send(state, origin.mounted(), reply.callbackId(), "This socket already completed the connect "
                    + "handshake");
            return;
        }
        // Listeners run before the answer, so that services (pubsub's channel index, say) are ready for this socket
        // by the time the client learns it is connected: nothing published in between is missed.
        LiveSession session = host.bindSession(state, command.get("sessionId"));
        if (session == null) {
            errors.send(state, origin.mounted(), reply.callbackId(), host.newSessionRefusal(state));
            state.connection.close(1008, "Too many new sessions from this address");
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", RtsVersion.VERSION);
        answer.put("sessionId", session.id());
        state.identity.userId().ifPresent(user -> answer.put("userId", user));
        long expiresIn = host.millisUntilExpiry(state);
        if (expiresIn >= 0) {
            answer.put("expiresIn", expiresIn);
        }
        reply.send(answer);
    }

    /**
     * Renews the socket's credentials with a token from the client. Answered when the authenticator decided, from
     * whichever thread that is; meanwhile the connection's later messages go on.
     */
    private void refresh(DefaultRequest origin, DefaultReply reply, Object token) {
        ConnectionState state = origin.state();
        long callbackId = reply.callbackId();
        String refusal = null;
        if (!host.authenticates()) {
            refusal = "This server does not authenticate sockets; there are no credentials to refresh";
        } else if (state.session == null) {
            refusal = "Send the connect handshake before refreshing credentials";
        } else if (!(token instanceof String text) || text.isEmpty() || text.length() > Authentication.MAX_TOKEN_CHARS) {
            refusal = "A refresh needs a \"token\": a string of 1 to " + Authentication.MAX_TOKEN_CHARS
                    + " characters";
        }
        if (refusal != null) {
            errors.send(state, origin.mounted(), callbackId, refusal);
            return;
        }
        Authentication.RefreshBudget budget = state.refreshes;
        if (budget == null) {
            state.refreshes = budget = new Authentication.RefreshBudget();
        }
        if (!budget.inFlight.compareAndSet(false, true)) {
            errors.send(state, origin.mounted(), callbackId, "A refresh is already in progress on this socket; wait "
                    + "for its answer");
            return;
        }
        if (!budget.bucket.tryTake(System.nanoTime())) {
            budget.inFlight.set(false);
            errors.send(state, origin.mounted(), callbackId, "Too many refreshes: at most "
                    + (int) Authentication.REFRESHES_PER_SECOND + " per second per socket (bursts of "
                    + Authentication.REFRESH_BURST + ")");
            return;
        }
        Authentication.RefreshBudget held = budget;
        host.refresh(state, (String) token).whenComplete((admission, failure) -> {
            held.inFlight.set(false);
            if (admission instanceof Admission.Refused refused) {
                boolean ownWords = refused.body().equals(Admission.UNAUTHORIZED)
                        || refused.body().equals(Admission.FORBIDDEN);
                errors.send(state, origin.mounted(), callbackId, ownWords ? "Credentials refresh refused; the socket "
                        + "keeps its credentials until they expire" : refused.body());
            } else {
                Map<String, Object> answer = new LinkedHashMap<>();
                long expiresIn = host.millisUntilExpiry(state);
                if (expiresIn >= 0) {
                    answer.put("expiresIn", expiresIn);
                }
                reply.send(answer);
            }
        });
    }

    /** The params a client needs to install a service: what discover lists and the bundle embeds. */
    static Map<String, Object> params(MountedService service) {
        Map<String, Object> use = new LinkedHashMap<>();
        for (Feature feature : Feature.values()) {
            if (service.features.contains(feature)) {
                use.put(feature.wireName(), true);
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", service.id);
        params.put("name", service.name);
        params.put("options", service.service.clientOptions(service.options));
        params.put("use", use);
        return params;
    }

    static List<Map<String, Object>> discoveryEntries(MountedService[] services, ClientCode code) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (MountedService service : services) {
            if (service.id == 0 || service.isPrivate) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("params", params(service));
            entry.put("handler", code.handler(service));
            entries.add(entry);
        }
        return entries;
    }
}
