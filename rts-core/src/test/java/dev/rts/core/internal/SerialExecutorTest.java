package dev.rts.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SerialExecutorTest {

    /** Runs submitted tasks only when the test says so, on the test thread. */
    private static final class ManualExecutor implements Executor {
        private final Queue<Runnable> submitted = new ArrayDeque<>();
        private boolean rejecting;

        @Override
        public void execute(Runnable command) {
            if (rejecting) {
                throw new RejectedExecutionException("shut down");
            }
            submitted.add(command);
        }

        int waiting() {
            return submitted.size();
        }

        void runNext() {
            submitted.remove().run();
        }

        void runAll() {
            while (!submitted.isEmpty()) {
                runNext();
            }
        }
    }

    private final ManualExecutor workers = new ManualExecutor();
    private final List<String> ran = new ArrayList<>();
    private final List<Error> fatal = new ArrayList<>();

    private Runnable task(String name) {
        return () -> ran.add(name);
    }

    @Test
    void tasksRunOneAtATimeInSubmissionOrderFromOneWorkerTask() {
        SerialExecutor executor = new SerialExecutor(workers, 10, fatal::add);

        executor.tryExecute(task("a"));
        executor.tryExecute(task("b"));
        executor.executeControl(task("c"));

        assertThat(workers.waiting()).isEqualTo(1);
        workers.runAll();
        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void ordinaryTasksPastTheBoundAreRefusedUntilTheQueueDrains() {
        SerialExecutor executor = new SerialExecutor(workers, 2, fatal::add);

        assertThat(executor.tryExecute(task("a"))).isTrue();
        assertThat(executor.tryExecute(task("b"))).isTrue();
        assertThat(executor.tryExecute(task("c"))).isFalse();
        workers.runAll();
        assertThat(executor.tryExecute(task("d"))).isTrue();
        workers.runAll();

        assertThat(ran).containsExactly("a", "b", "d");
    }

    @Test
    void controlTasksAlwaysFit() {
        SerialExecutor executor = new SerialExecutor(workers, 1, fatal::add);
        executor.tryExecute(task("a"));
        assertThat(executor.tryExecute(task("b"))).isFalse();

        executor.executeControl(task("close"));
        workers.runAll();

        assertThat(ran).containsExactly("a", "close");
    }

    @Test
    void aThrowingTaskDoesNotStopTheNextOnes() {
        SerialExecutor executor = new SerialExecutor(workers, 10, fatal::add);

        executor.tryExecute(() -> {
            throw new IllegalStateException("handler bug");
        });
        executor.tryExecute(task("b"));
        workers.runAll();

        assertThat(ran).containsExactly("b");
    }

    @Test
    void aLongQueueYieldsTheWorkerEverySixtyFourTasks() {
        SerialExecutor executor = new SerialExecutor(workers, 1000, fatal::add);
        for (int i = 0; i < 100; i++) {
            executor.tryExecute(task("t" + i));
        }

        workers.runNext();
        assertThat(ran).hasSize(64);
        assertThat(workers.waiting()).isEqualTo(1);
        workers.runAll();
        assertThat(ran).hasSize(100).endsWith("t99");
    }

    @Test
    void aRejectingExecutorAbandonsTasksWithoutThrowing() {
        SerialExecutor executor = new SerialExecutor(workers, 10, fatal::add);
        workers.rejecting = true;

        executor.tryExecute(task("a"));
        executor.executeControl(task("b"));

        assertThat(workers.waiting()).isZero();
        assertThat(ran).isEmpty();
    }

    @Test
    void anOutOfMemoryErrorInATaskGoesToTheFatalErrorHandlerAndLaterTasksStillRun() {
        SerialExecutor executor = new SerialExecutor(workers, 10, fatal::add);
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");

        executor.tryExecute(() -> {
            throw oom;
        });
        executor.tryExecute(task("after"));
        workers.runAll();

        assertThat(fatal).containsExactly(oom);
        assertThat(ran).containsExactly("after");
    }

    @Test
    void anAssertionErrorInATaskIsLoggedNotFatal() {
        SerialExecutor executor = new SerialExecutor(workers, 10, fatal::add);

        executor.tryExecute(() -> {
            throw new AssertionError("app bug");
        });
        workers.runAll();

        assertThat(fatal).isEmpty();
    }

    @Test
    void aResumeThatOvertakesThePauseStillLeavesTheSocketReading() {
        // The I/O thread fills the queue to the pause mark and asks to pause; before its request reaches the socket,
        // a worker drains the queue and asks to resume. The resume arrives first, so the last word must still be
        // "read", or the socket stays paused with nothing left to resume it (and a paused socket skips the idle
        // timeout).
        List<Boolean> applied = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Thread> worker = new AtomicReference<>();
        SerialExecutor executor = new SerialExecutor(workers, 8, fatal::add, paused -> {
            if (paused && worker.get() == null) {
                Thread drainer = new Thread(workers::runAll);
                worker.set(drainer);
                drainer.start();
                try {
                    drainer.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            applied.add(paused);
        });

        for (int i = 0; i < 4; i++) {
            assertThat(executor.tryExecute(task("t" + i))).isTrue();
        }
        workers.runAll();

        assertThat(ran).hasSize(4);
        assertThat(applied).as("the calls that reached the socket, in order").isNotEmpty().last().isEqualTo(false);
    }
}
