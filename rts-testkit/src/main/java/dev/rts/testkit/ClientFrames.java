package dev.rts.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The frames one {@link TestClient} received: all of them, for {@link TestClient#frames()}, and a cursor for
 * {@link TestClient#nextFrame()} that skips the answers to the client's own handshake and discovery. Thread-safe.
 */
final class ClientFrames {

    private final FrameLog log;
    private final List<FrameLog.Entry> all = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<FrameLog.Entry> unread = new LinkedBlockingQueue<>();
    private volatile boolean connecting;

    ClientFrames(FrameLog log) {
        this.log = log;
    }

    /** Whether the client is doing its handshake and discovery, whose answers the cursor skips. */
    void connecting(boolean now) {
        connecting = now;
    }

    /** Records a frame, on the transport's thread; nothing once the server's log is full (its views say so). */
    void add(TestClient to, Object frame) {
        FrameLog.Entry entry = log.add(to, frame);
        if (entry == null) {
            return;
        }
        all.add(entry);
        if (!(connecting && frame instanceof String text && text.matches("(?s)0\\|\\d+\\|.*"))) {
            unread.add(entry);
        }
    }

    List<SentFrame> all() {
        synchronized (all) {
            return log.frames(List.copyOf(all));
        }
    }

    /** The next unread frame, or null if none comes within the wait. */
    SentFrame next(Duration wait) {
        log.checkComplete();
        try {
            FrameLog.Entry entry = unread.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return entry == null ? null : log.frame(entry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a frame", e);
        }
    }

    /** The frames the cursor has not returned, as they came off the wire. */
    List<String> unread() {
        return log.frames(new ArrayList<>(unread)).stream().map(SentFrame::frame).toList();
    }
}
