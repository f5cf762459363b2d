package dev.rts.core.internal;

import dev.rts.api.LogLimiter;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every session in use on this server again from a shared store after its change feed may have missed changes
 * ({@link SessionStore.ChangeListener#missed()}, or a change the feed's queue had no room for), and applies what
 * differs as if the missed changes had arrived.
 *
 * <p>Bounded: one pass at a time, {@value #BATCH} sessions per task; a worker loads a batch (the store may block),
 * then the batch is applied on the feed's serial lane, among the changes that arrive meanwhile (so services hear
 * reloads and changes one at a time, in one order), and only then is the next batch loaded. Which of a loaded session
 * and a change that arrived is newer is decided per key by the store's positions ({@link LiveSession#reload}). A
 * request during a pass runs one more pass after it, since what the pass loaded before may predate the new
 * interruption. A batch whose load fails (the store is down again) is tried again every second until the server stops.
 */
final class SessionReload {

    /** Sessions loaded per task. */
    static final int BATCH = 100;

    private static final Logger LOG = LoggerFactory.getLogger("rts.core");
    private static final long RETRY_MILLIS = 1000;

    /** Applies one loaded session to the session in use, if it still is; returns whether something differed. */
    @FunctionalInterface
    interface Apply {
        boolean apply(StoredSession loaded);
    }

    private final SessionStore store;
    private final Executor workers;
    private final SerialExecutor lane;
    private final Supplier<List<String>> inUse;
    private final Predicate<String> stillInUse;
    private final Apply apply;
    private final LogLimiter failures = new LogLimiter(LOG, TimeUnit.SECONDS.toNanos(10));
    /** Guarded by this. */
    private boolean running;
    /** Guarded by this: a request came during the pass running now. */
    private boolean again;
    private volatile boolean stopped;

    /**
     * @param lane       the feed's serial lane, where loaded sessions are applied
     * @param inUse      the ids of the sessions in use now
     * @param stillInUse whether a session is still in use, checked before loading it
     * @param apply      applies one loaded session; runs on the lane
     */
    SessionReload(SessionStore store, Executor workers, SerialExecutor lane, Supplier<List<String>> inUse,
                  Predicate<String> stillInUse, Apply apply) {
        this.store = store;
        this.workers = workers;
        this.lane = lane;
        this.inUse = inUse;
        this.stillInUse = stillInUse;
        this.apply = apply;
    }

    /** Asks for a pass over every session in use. Does not block; any thread. */
    void request() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (running) {
                again = true;
                return;
            }
            running = true;
        }
        begin();
    }

    /** No pass starts or goes on after this. */
    void stop() {
        stopped = true;
    }

    /** Whether a pass is running or waiting to retry, for tests. */
    synchronized boolean running() {
        return running;
    }

    private static final class Pass {
        final List<String> ids;
        int next;
        int loaded;
        int differed;

        Pass(List<String> ids) {
            this.ids = ids;
        }
    }

    /** Starts a pass on a worker (the caller may be the store's event loop, and there may be many sessions). */
    private void begin() {
        submit(() -> {
            Pass pass = new Pass(inUse.get());
            LOG.info("Reloading {} session(s) in use from the session store: changes made on other servers may "
                    + "have been missed", pass.ids.size());
            loadBatch(pass);
        });
    }

    /** On a worker: loads the next batch, then hands it to the lane. */
    private void loadBatch(Pass pass) {
        if (stopped) {
            end();
            return;
        }
        List<StoredSession> batch = new ArrayList<>();
        RuntimeException failure = null;
        int end = Math.min(pass.next + BATCH, pass.ids.size());
        while (pass.next < end) {
            String id = pass.ids.get(pass.next);
            if (stillInUse.test(id)) {
                try {
                    store.load(id).ifPresent(batch::add);
                } catch (RuntimeException e) {
                    failure = e;
                    break;
                }
            }
            pass.next++;
        }
        RuntimeException failed = failure;
        lane.executeControl(() -> {
            try {
                for (StoredSession loaded : batch) {
                    pass.loaded++;
                    try {
                        if (apply.apply(loaded)) {
                            pass.differed++;
                        }
                    } catch (RuntimeException e) {
                        // Session ids are secrets: the log names a prefix, as LiveSession.toString does.
                        LOG.error("Failed to apply the reloaded session {}...",
                                loaded.id().substring(0, Math.min(6, loaded.id().length())), e);
                    }
                }
            } finally {
                proceed(pass, failed);
            }
        });
    }

    private void proceed(Pass pass, RuntimeException failed) {
        if (failed != null) {
            failures.warn("Could not reload sessions from the session store ({} of {} left), trying again in {} ms: "
                    + "{}", pass.ids.size() - pass.next, pass.ids.size(), RETRY_MILLIS, failed.getMessage());
            CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS)
                    .execute(() -> submit(() -> loadBatch(pass)));
        } else if (pass.next < pass.ids.size()) {
            submit(() -> loadBatch(pass));
        } else {
            LOG.info("Reloaded {} session(s) from the session store; {} differed here and were brought up to date",
                    pass.loaded, pass.differed);
            end();
        }
    }

    private void end() {
        synchronized (this) {
            if (!again || stopped) {
                running = false;
                again = false;
                return;
            }
            again = false;
        }
        begin();
    }

    private void submit(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running = false;
                again = false;
            }
            if (!stopped) {
                LOG.warn("Could not reload the sessions in use from the session store: the worker executor refused "
                        + "the task ({}); they are reloaded when the store next says it may have missed changes",
                        e.getMessage());
            }
        }
    }
}
