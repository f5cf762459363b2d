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
 */
final class SerialExecutor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SerialExecutor.class);

    /** Tasks run per turn before yielding the worker thread, so one busy connection cannot starve others. */
    private static final int BATCH = 64;

    private final Executor workers;
    private final int maxPending;
    private final Consumer<Error> fatalErrorHandler;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Ordinary tasks queued; updated through {@link #PENDING} (no atomic objects per connection). */
    private volatile int pending;
    /** Whether a drain is queued or running; updated through {@link #SCHEDULED}. */
    private volatile boolean scheduled;

    private static final VarHandle PENDING;
    private static final VarHandle SCHEDULED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING = lookup.findVarHandle(SerialExecutor.class, "pending", int.class);
            SCHEDULED = lookup.findVarHandle(SerialExecutor.class, "scheduled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    SerialExecutor(Executor workers, int maxPending, Consumer<Error> fatalErrorHandler) {
        this.workers = workers;
        this.maxPending = maxPending;
        this.fatalErrorHandler = fatalErrorHandler;
    }

    /**
     * Queues an ordinary task.
     *
     * @return {@code false} if the queue is full and the task was not queued
     */
    boolean tryExecute(Runnable task) {
        if ((int) PENDING.getAndAdd(this, 1) + 1 > maxPending) {
            PENDING.getAndAdd(this, -1);
            return false;
        }
        tasks.add(task);
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
                if (!(task instanceof Control)) {
                    PENDING.getAndAdd(this, -1);
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
