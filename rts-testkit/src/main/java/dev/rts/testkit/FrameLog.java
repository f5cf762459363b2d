package dev.rts.testkit;

import dev.rts.json.internal.StrictJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every frame a server's test clients received, in arrival order, and the service table that names them (learnt
 * from the discover answers that pass by). Thread-safe.
 */
final class FrameLog {

    /** A received frame: a String (text) or a byte[] (binary). */
    record Entry(TestClient to, Object frame) {
    }

    private record ServiceInfo(String name, boolean callbacks) {
    }

    /**
     * The most frames kept per server (a load test through the testkit must not keep every frame alive); past it the
     * frame views refuse to answer rather than answer from part of the log.
     */
    static final int MAX_FRAMES = 200_000;

    private final int maxFrames;
    private final List<Entry> entries = new ArrayList<>();
    private volatile boolean full;

    FrameLog() {
        this(MAX_FRAMES);
    }

    /** A log with another bound, for the testkit's own tests. */
    FrameLog(int maxFrames) {
        this.maxFrames = maxFrames;
    }
    private final Map<Integer, ServiceInfo> services = new ConcurrentHashMap<>(Map.of(0,
            new ServiceInfo("_system", true)));

    /** The id of a listed service, or -1. */
    int serviceId(String name) {
        return services.entrySet().stream().filter(e -> e.getValue().name().equals(name)).mapToInt(Map.Entry::getKey)
                .findFirst().orElse(-1);
    }

    /** Records a frame; called on the receiving client's transport thread. */
    Entry add(TestClient to, Object frame) {
        if (frame instanceof String text && text.startsWith("0|")) {
            learn(text);
        }
        Entry entry = new Entry(to, frame);
        synchronized (entries) {
            if (entries.size() >= maxFrames) {
                full = true;
                return null;
            }
            entries.add(entry);
        }
        return entry;
    }

    /** A snapshot of every frame. */
    List<SentFrame> all() {
        List<Entry> copy;
        synchronized (entries) {
            copy = List.copyOf(entries);
        }
        return frames(copy);
    }

    /** @throws AssertionError once the log is full: a partial view would pass assertions it should fail */
    List<SentFrame> frames(List<Entry> list) {
        checkComplete();
        List<SentFrame> frames = new ArrayList<>(list.size());
        for (Entry entry : list) {
            frames.add(frame(entry));
        }
        return List.copyOf(frames);
    }

    /** @throws AssertionError once the log is full */
    void checkComplete() {
        if (full) {
            throw new AssertionError("The server sent its test clients more than " + maxFrames + " frames; the "
                    + "testkit keeps only the first " + maxFrames + ", so the frame views (sent(), frames(), "
                    + "nextFrame()) are incomplete. Read messages with nextMessage() in tests that send this many");
        }
    }

    /** Reads the service table off a discover answer: {@code 0|<id>|[{"params":{"id":1,"name":...}}, ...]}. */
    private void learn(String text) {
        int bar = text.indexOf('|', 2);
        if (bar < 0 || bar + 1 >= text.length() || text.charAt(bar + 1) != '[') {
            return;
        }
        try {
            // Plain maps and lists: the testkit opens no package to Gson's reflection.
            if (!(StrictJson.instance().parse(text.substring(bar + 1)) instanceof List<?> list)) {
                return;
            }
            for (Object item : list) {
                if (item instanceof Map<?, ?> listed && listed.get("params") instanceof Map<?, ?> params
                        && params.get("id") instanceof Number id && params.get("name") instanceof String name) {
                    boolean callbacks = params.get("use") instanceof Map<?, ?> use
                            && Boolean.TRUE.equals(use.get("callbacks"));
                    services.put(id.intValue(), new ServiceInfo(name, callbacks));
                }
            }
        } catch (RuntimeException e) {
            // Not a discover answer after all: nothing to learn.
        }
    }

    /** Splits a frame into its service and payload, using the header rules of PROTOCOL.md. */
    SentFrame frame(Entry entry) {
        boolean binary = entry.frame() instanceof byte[];
        byte[] bytes = binary ? (byte[]) entry.frame() : null;
        String text = binary ? new String(bytes, 0, Math.min(bytes.length, 40), StandardCharsets.ISO_8859_1)
                : (String) entry.frame();
        int bar = text.indexOf('|');
        int id = -1;
        try {
            id = bar > 0 ? Integer.parseInt(text.substring(0, bar)) : -1;
        } catch (NumberFormatException e) {
            // shown as is below
        }
        ServiceInfo info = services.get(id);
        String service = info != null ? info.name() : "#" + id;
        int start = bar + 1;
        if (info != null && info.callbacks()) {
            int second = text.indexOf('|', start);
            start = second < 0 ? start : second + 1;
        }
        if (!binary) {
            return new SentFrame(entry.to(), service, text, new ReceivedMessage(service, text.substring(start)));
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, start, bytes.length - start).slice();
        String shown = new String(bytes, 0, start, StandardCharsets.ISO_8859_1) + "<" + payload.remaining()
                + " bytes>";
        return new SentFrame(entry.to(), service, shown, new ReceivedMessage(service, null, payload));
    }
}
