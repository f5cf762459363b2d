package dev.rts.livereload.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Records INFO, WARN and ERROR lines as {@code "LEVEL message"}, so that tests assert the exact text users read.
 * DEBUG and TRACE are off.
 */
final class RecordingLogger extends LegacyAbstractLogger {

    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    RecordingLogger() {
        this.name = "rts.livereload";
    }

    /** The next recorded line, waiting up to five seconds for it. */
    String nextLine() throws InterruptedException {
        String line = lines.poll(5, TimeUnit.SECONDS);
        assertThat(line).as("next log line").isNotNull();
        return line;
    }

    /** Fails if lines were recorded and not taken with {@link #nextLine()}. */
    void assertNoMoreLines() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        assertThat(rest).as("unexpected log lines").isEmpty();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
