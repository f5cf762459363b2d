package dev.rts.core.internal;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The worker executor as services see it ({@code ServiceContext.executor()}): a task that dies of an out-of-memory
 * error or a stack overflow reports it to the server's fatal-error handler, as a connection's own tasks do, instead
 * of ending its worker thread unnoticed.
 */
final class FatalErrorReportingExecutor implements Executor {

    private final Executor workers;
    private final Consumer<Error> fatalErrorHandler;

    FatalErrorReportingExecutor(Executor workers, Consumer<Error> fatalErrorHandler) {
        this.workers = Objects.requireNonNull(workers, "workers");
        this.fatalErrorHandler = Objects.requireNonNull(fatalErrorHandler, "fatalErrorHandler");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        workers.execute(() -> {
            try {
                task.run();
            } catch (VirtualMachineError e) {
                fatalErrorHandler.accept(e);
            }
        });
    }
}
