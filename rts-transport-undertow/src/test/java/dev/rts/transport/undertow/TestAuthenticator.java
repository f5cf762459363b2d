package dev.rts.transport.undertow;

import dev.rts.api.Feature;
import dev.rts.api.Identity;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.core.Admission;
import dev.rts.core.Authenticator;
import dev.rts.core.HandshakeRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Tokens by name: {@code ann} and {@code bob} are users (ann an admin), {@code guest} is anonymous, {@code banned} is
 * refused with 403, {@code throw} throws, {@code hang} never answers, {@code forever} is ann with credentials that
 * expire at {@link Instant#MAX}, anything else or nothing is refused with 401. Refresh tokens: {@code <user>-<round>}
 * renews that user, {@code forever} renews ann until {@link Instant#MAX}, {@code bad} is refused, {@code hold} waits
 * for {@link #held}. Credentials last {@code lifetime}.
 */
final class TestAuthenticator implements Authenticator {

    final BlockingQueue<HandshakeRequest> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<String> refreshes = new LinkedBlockingQueue<>();
    /** What the refresh token {@code hold} answers, once the test completes it. */
    final CompletableFuture<Admission> held = new CompletableFuture<>();
    private final Duration lifetime;

    TestAuthenticator(Duration lifetime) {
        this.lifetime = lifetime;
    }

    @Override
    public CompletionStage<Admission> authenticate(HandshakeRequest request) {
        requests.add(request);
        String token = request.bearerToken().or(() -> request.cookie("auth")).orElse("");
        return switch (token) {
            case "ann", "bob" -> CompletableFuture.completedFuture(user(token, 1));
            case "guest" -> CompletableFuture.completedFuture(Admission.anonymous());
            case "banned" -> CompletableFuture.completedFuture(Admission.refuse(403));
            case "throw" -> throw new IllegalStateException("database password is hunter2");
            case "hang" -> new CompletableFuture<>();
            case "forever" -> CompletableFuture.completedFuture(Admission.user("ann", Map.of("round", 0), Instant.MAX));
            default -> CompletableFuture.completedFuture(Admission.refuse(401));
        };
    }

    @Override
    public CompletionStage<Admission> refresh(String token, Identity current) {
        refreshes.add(token);
        if (token.equals("bad")) {
            return CompletableFuture.completedFuture(Admission.refuse(401));
        }
        if (token.equals("forever")) {
            return CompletableFuture.completedFuture(Admission.user("ann", Map.of("round", 0), Instant.MAX));
        }
        if (token.equals("hold")) {
            return held;
        }
        String[] parts = token.split("-");
        return CompletableFuture.completedFuture(user(parts[0], Integer.parseInt(parts[1])));
    }

    private Admission user(String name, int round) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("role", name.equals("ann") ? "admin" : "user");
        claims.put("round", round);
        return Admission.user(name, claims, Instant.now().plus(lifetime));
    }

    /** JSON + callbacks + sessions: answers who the socket is, by identity and by session. */
    static final class WhoAmI implements Service {
        @Override
        public String name() {
            return "whoami";
        }

        @Override
        public java.util.Set<Feature> features() {
            return java.util.Set.of(Feature.JSON, Feature.CALLBACKS, Feature.SESSIONS);
        }

        @Override
        public Object start(ServiceContext ctx) {
            ctx.onMessage((message, request, reply) -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("user", request.identity().userId().orElse("-"));
                answer.put("claims", new java.util.TreeMap<>(request.identity().claims()));
                answer.put("sessionUser", request.session().userId().orElse("-"));
                reply.send(answer);
            });
            return null;
        }
    }
}
