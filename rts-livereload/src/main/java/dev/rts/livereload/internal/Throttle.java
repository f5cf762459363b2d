package dev.rts.livereload.internal;

import java.time.Duration;

/**
 * Folds a burst of file changes into one {@link Action}, sent on the trailing edge: once no change was recorded for
 * one window, or at the latest {@link #MAX_WINDOWS} windows after the burst's first change, so that a directory that
 * is never quiet still reaches the browsers.
 *
 * <p>Time is passed in, in {@link System#nanoTime()} units, so that tests control it. Not thread-safe: the watch thread
 * owns it.
 */
final class Throttle {

    /** The longest a burst is held back, in windows. */
    static final int MAX_WINDOWS = 10;

    private final long windowNanos;
    private boolean pending;
    private boolean onlyStylesheets;
    private long firstNanos;
    private long lastNanos;

    Throttle(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("Throttle window must be positive but was " + window);
        }
        this.windowNanos = window.toNanos();
    }

    /**
     * Records one change.
     *
     * @param stylesheet whether the changed file is a stylesheet
     * @param nowNanos   the current time
     */
    void record(boolean stylesheet, long nowNanos) {
        if (!pending) {
            pending = true;
            onlyStylesheets = true;
            firstNanos = nowNanos;
        }
        onlyStylesheets &= stylesheet;
        lastNanos = nowNanos;
    }

    /**
     * Whether a change is waiting to be sent.
     *
     * @return {@code true} between the first change of a burst and {@link #takeIfDue(long)} returning its action
     */
    boolean pending() {
        return pending;
    }

    /**
     * When the pending burst is due.
     *
     * @return the due time; meaningless unless {@link #pending()}
     */
    long dueNanos() {
        return Math.min(lastNanos + windowNanos, firstNanos + MAX_WINDOWS * windowNanos);
    }

    /**
     * Ends the pending burst if it is due.
     *
     * @param nowNanos the current time
     * @return the burst's action, or {@code null} if nothing is pending or the burst is not due yet
     */
    Action takeIfDue(long nowNanos) {
        if (!pending || nowNanos - dueNanos() < 0) {
            return null;
        }
        pending = false;
        return onlyStylesheets ? Action.UPDATE_CSS : Action.RELOAD;
    }
}
