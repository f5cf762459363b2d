package dev.rts.core.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default answer to an {@link Error} on a server thread: after an {@link OutOfMemoryError} or a similar failure
 * no part of the process can be trusted (a thread may have died holding a lock, a queue may be half-updated), so the
 * process stops, visibly, and a supervisor restarts it, rather than linger half-dead accepting connections.
 */
public final class FatalErrors {

    /** The exit status, {@code EX_SOFTWARE} from sysexits.h. */
    public static final int EXIT_STATUS = 70;

    private static final Logger LOG = LoggerFactory.getLogger("rts.core");

    private FatalErrors() {
    }

    /**
     * Logs the error and halts the JVM with {@value #EXIT_STATUS}. Halting skips shutdown hooks, which could hang on
     * the very state the error broke.
     *
     * @param error the error
     */
    public static void logAndHalt(Error error) {
        try {
            LOG.error("Fatal {} on thread '{}'; RTS halts the process with exit status {} (restart it; configure "
                            + "RtsServer.builder().onFatalError(...) to change this)", error.getClass().getName(),
                    Thread.currentThread().getName(), EXIT_STATUS, error);
            System.err.println("RTS: fatal " + error + " on thread '" + Thread.currentThread().getName()
                    + "'; halting with exit status " + EXIT_STATUS);
            System.err.flush();
        } finally {
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
