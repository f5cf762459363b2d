package dev.rts.core.internal;

import dev.rts.api.Json;
import dev.rts.core.spi.OutboundFrame;
import dev.rts.protocol.FrameCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells a client what went wrong with {@code 0||{"type":"error",...}}, in RTS's words. Any thread; never blocks.
 */
final class ErrorReplies {

    private final Json json;
    private final boolean stackTraces;

    /**
     * @param stackTraces whether error frames carry the stack trace of their cause: only when the app asked by name
     */
    ErrorReplies(Json json, boolean stackTraces) {
        this.json = json;
        this.stackTraces = stackTraces;
    }

    void send(ConnectionState state, MountedService service, long callbackId, String message) {
        send(state, service, callbackId, message, null);
    }

    /** Stack traces go to clients only if the app turned that on with {@code stackTracesToClients(true)}. */
    void send(ConnectionState state, MountedService service, long callbackId, String message, Throwable cause) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("message", message);
        if (service != null) {
            error.put("service", service.name);
            error.put("serviceId", service.id);
            if (callbackId != 0) {
                error.put("callbackId", callbackId);
            }
        }
        if (cause != null && stackTraces) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            error.put("stack", trace.toString());
        }
        state.connection.send(new OutboundFrame(FrameCodec.encode(0, true, 0, json.encode(error))));
    }

    /** A throwable's message, or its simple class name when it has none. */
    static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
