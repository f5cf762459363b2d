package dev.rts.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs one connection's tasks one at a time, in submission order, on a shared worker executor. Ordinary tasks are
 * bounded; control tasks (disconnect) always fit, so that cleanup is never lost. Never blocks the submitter.
 *
 * <p>Backpressure: when half the bound is waiting, the connection is asked to stop reading; when the queue has
 * drained to an eighth, to read again. With a transport that can pause, a fast sender is slowed by TCP long before
 * the bound drops anything.
 */
final class SerialExecutor {

    /** Asks a connection to stop or start reading; the latest call wins. */
    @FunctionalInterface
    interface ReadPause {
        void pause(boolean paused);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SerialExecutor.class);

    /** Tasks run per turn before yielding the worker thread, so one busy connection cannot starve others. */
    private static final int BATCH = 64;

    private final Executor workers;
    private final int maxPending;
    private final Consumer<Error> fatalErrorHandler;
    private final ReadPause readPause;
    private final int pauseAt;
    private final int resumeAt;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Ordinary tasks queued; updated through {@link #PENDING} (no atomic objects per connection). */
    private volatile int pending;
    /** Whether a drain is queued or running; updated through {@link #SCHEDULED}. */
    private volatile boolean scheduled;
    /** Whether the connection was asked to stop reading; updated through {@link #PAUSED}. */
    private volatile boolean paused;

    private static final VarHandle PENDING;
    private static final VarHandle SCHEDULED;
    private static final VarHandle PAUSED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING = lookup.findVarHandle(SerialExecutor.class, "pending", int.class);
            SCHEDULED = lookup.findVarHandle(SerialExecutor.class, "scheduled", boolean.class);
            PAUSED = lookup.findVarHandle(SerialExecutor.class, "paused", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    SerialExecutor(Executor workers, int maxPending, Consumer<Error> fatalErrorHandler) {
        this(workers, maxPending, fatalErrorHandler, paused -> { });
    }

    SerialExecutor(Executor workers, int maxPending, Consumer<Error> fatalErrorHandler, ReadPause readPause) {
        this.workers = workers;
        this.maxPending = maxPending;
        this.fatalErrorHandler = fatalErrorHandler;
        this.readPause = readPause;
        this.pauseAt = Math.max(1, maxPending / 2);
        this.resumeAt = maxPending / 8;
    }

    /**
     * Queues an ordinary task.
     *
     * @return {@code false} if the queue is full and the task was not queued
     */
    boolean tryExecute(Runnable task) {
        int now = (int) PENDING.getAndAdd(this, 1) + 1;
        if (now > maxPending) {
            PENDING.getAndAdd(this, -1);
            return false;
        }
        tasks.add(task);
        if (now >= pauseAt && PAUSED.compareAndSet(this, false, true)) {
            applyPause();
            // A drain that emptied the queue before the flag was set would never resume reading: check again.
            if (pending <= resumeAt && PAUSED.compareAndSet(this, true, false)) {
                applyPause();
            }
        }
        schedule();
        return true;
    }

    /** Queues a control task, whatever the queue length. */
    void executeControl(Runnable task) {
        tasks.add(new Control(task));
        schedule();
    }

    /** Marks a task that does not count against the bound, so that ordinary tasks need no wrapper of their own. */
    private record Control(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    /**
     * Tells the connection what the flag says now, until it said it last. A flag change and its call are not one step:
     * the I/O thread's pause and a worker's resume may reach the connection in the other order, and then the socket
     * would stay paused with nothing queued to resume it. Whoever calls last checks the flag after its call, so the
     * last call the connection sees matches the flag.
     */
    private void applyPause() {
        boolean wanted;
        do {
            wanted = paused;
            readPause.pause(wanted);
        } while (paused != wanted);
    }

    private void schedule() {
        if (SCHEDULED.compareAndSet(this, false, true)) {
            try {
                workers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The server is stopping: the queued tasks are abandoned with the executor.
                scheduled = false;
            }
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                if (!(task instanceof Control) && (int) PENDING.getAndAdd(this, -1) - 1 <= resumeAt && paused
                        && PAUSED.compareAndSet(this, true, false)) {
                    applyPause();
                }
                try {
                    task.run();
                } catch (VirtualMachineError e) {
                    // Out of memory or stack: nothing here can be trusted any more.
                    fatalErrorHandler.accept(e);
                } catch (RuntimeException | Error e) {
                    // Tasks guard their own handlers; this is the last line so the worker thread survives.
                    LOG.error("Unexpected failure in a connection task", e);
                }
            }
        } finally {
            scheduled = false;
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
