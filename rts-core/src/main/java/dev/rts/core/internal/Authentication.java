package dev.rts.core.internal;

import dev.rts.api.Identity;
import dev.rts.core.Admission;
import dev.rts.core.Authenticator;
import dev.rts.core.HandshakeRequest;
import dev.rts.api.LogLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the app's {@link Authenticator} off the I/O threads, within a deadline, turning every failure into a refusal
 * in RTS's own words; and closes sockets whose credentials expire.
 */
final class Authentication {

    /** The close code for a socket whose credentials expired without a refresh (4000-4999: for applications). */
    static final int EXPIRED_CODE = 4401;
    static final String EXPIRED_REASON = "Credentials expired";
    /** The longest token a client may send in a refresh. */
    static final int MAX_TOKEN_CHARS = 4096;
    /** Refreshes per socket: a token bucket of this rate and burst, and one at a time. */
    static final double REFRESHES_PER_SECOND = 1;
    static final int REFRESH_BURST = 5;
    static final String UNAVAILABLE = "Sign-in is unavailable right now; try again later";

    private static final Logger LOG = LoggerFactory.getLogger("rts.core");
    private static final CompletableFuture<Admission> ANONYMOUS = CompletableFuture.completedFuture(
            Admission.anonymous());

    private final Authenticator authenticator;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final long timeoutMillis;
    private final Clock clock;
    private final LogLimiter failures = new LogLimiter(LOG, 10_000_000_000L);

    /**
     * @param authenticator the app's authenticator, or {@code null} for none (every socket anonymous)
     */
    Authentication(Authenticator authenticator, ExecutorService workers, ScheduledExecutorService timer,
                   Duration timeout, Clock clock) {
        this.authenticator = authenticator;
        this.workers = workers;
        this.timer = timer;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clock;
    }

    boolean enabled() {
        return authenticator != null;
    }

    /** Decides about an upgrade. Called on an I/O thread; the stage completes (never exceptionally) on another. */
    CompletableFuture<Admission> admit(HandshakeRequest request) {
        if (authenticator == null) {
            return ANONYMOUS;
        }
        return call(() -> authenticator.authenticate(request), "an upgrade", request.remoteAddress());
    }

    /**
     * Renews the socket's credentials. A refusal, a failure, or an admission for another user completes the stage
     * with a {@link Admission.Refused}; an admission updates the socket's identity and expiry first.
     */
    CompletableFuture<Admission> refresh(ConnectionState state, String token) {
        Identity current = state.identity;
        return call(() -> authenticator.refresh(token, current), "a refresh", state.connection.clientIp())
                .thenApply(admission -> {
                    if (!(admission instanceof Admission.Admitted admitted)) {
                        return admission;
                    }
                    if (!admitted.identity().userId().equals(current.userId())) {
                        failures.warn("Refused a refresh on socket {} from {}: the authenticator admitted user {} but "
                                + "the socket is {}; a refresh may not switch users", state.id(),
                                state.connection.clientIp(), admitted.identity().userId().orElse("(anonymous)"),
                                current.userId().orElse("(anonymous)"));
                        return new Admission.Refused(403, "Credentials refresh refused: a refresh may not switch "
                                + "users; reconnect to sign in as someone else");
                    }
                    admitted(state, admitted.identity());
                    return admission;
                });
    }

    /** Gives the socket its identity and (re)starts its expiry timer. */
    void admitted(ConnectionState state, Identity identity) {
        state.identity = identity;
        state.authenticated = enabled();
        synchronized (state) {
            if (state.expiry != null) {
                state.expiry.cancel(false);
                state.expiry = null;
            }
            if (identity.expiresAt().isPresent() && !state.closed) {
                long delay = Math.max(0, millisUntilExpiry(identity));
                try {
                    state.expiry = timer.schedule(() -> {
                        LOG.debug("Socket {} closed: its credentials expired", state.id());
                        state.connection.close(EXPIRED_CODE, EXPIRED_REASON);
                    }, delay, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // The server is stopping and closes every socket anyway.
                }
            }
        }
    }

    /** Stops the expiry timer of a closed socket. */
    static void closed(ConnectionState state) {
        synchronized (state) {
            if (state.expiry != null) {
                state.expiry.cancel(false);
                state.expiry = null;
            }
        }
    }

    /**
     * Milliseconds until the identity's credentials expire (negative once past), or -1 when they never do. An expiry
     * too far off to count in milliseconds ({@code Instant.MAX}, what an app may give for "never") saturates.
     */
    long millisUntilExpiry(Identity identity) {
        return identity.expiresAt().map(at -> {
            try {
                return Math.subtractExact(at.toEpochMilli(), clock.millis());
            } catch (ArithmeticException e) {
                return at.isAfter(Instant.EPOCH) ? Long.MAX_VALUE : Long.MIN_VALUE;
            }
        }).orElse(-1L);
    }

    /** Runs one authenticator call on a worker, bounded by the deadline; every failure becomes a 503 refusal. */
    private CompletableFuture<Admission> call(Supplier<java.util.concurrent.CompletionStage<Admission>> call,
                                              String what, String address) {
        CompletableFuture<Admission> result = new CompletableFuture<>();
        try {
            Future<?> deadline = timer.schedule(() -> {
                if (result.complete(new Admission.Refused(503, UNAVAILABLE))) {
                    failures.warn("The authenticator did not decide about {} from {} within {} ms; refused with "
                            + "503", what, address, timeoutMillis);
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            result.whenComplete((admission, failure) -> deadline.cancel(false));
            workers.execute(() -> {
                try {
                    Objects.requireNonNull(call.get(), "the authenticator returned null instead of a stage")
                            .whenComplete((admission, failure) -> {
                                if (failure == null && admission == null) {
                                    failure = new NullPointerException("the authenticator's stage completed with null");
                                }
                                if (failure != null) {
                                    fail(result, failure, what, address);
                                } else {
                                    result.complete(admission);
                                }
                            });
                } catch (RuntimeException | LinkageError e) {
                    fail(result, e, what, address);
                }
            });
        } catch (RejectedExecutionException e) {
            result.complete(new Admission.Refused(503, UNAVAILABLE));
        }
        return result;
    }

    private void fail(CompletableFuture<Admission> result, Throwable failure, String what, String address) {
        if (result.complete(new Admission.Refused(503, UNAVAILABLE))) {
            failures.warn("The authenticator failed on {} from {}; refused with 503", what, address, failure);
        }
    }

    /** One refresh at a time per socket, within a token bucket. */
    static final class RefreshBudget {
        final AtomicBoolean inFlight = new AtomicBoolean();
        final TokenBucket bucket = new TokenBucket(REFRESHES_PER_SECOND, REFRESH_BURST, System.nanoTime());
    }
}
