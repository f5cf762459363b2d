package dev.rts.example;

import dev.rts.api.Feature;
import dev.rts.api.Message;
import dev.rts.api.Reply;
import dev.rts.api.Request;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.util.Map;
import java.util.Set;

/**
 * The example's own service, mounted as {@code demo}: an echo, to show what a service is without any library on top.
 * Its browser half is {@code META-INF/rts/dev.rts.example.DemoService.js}. (The page's chat uses rts-rpc and rts-pubsub
 * instead: see {@link ChatActions}.)
 *
 * <pre>
 * {"c":"echo","text":"hi"}                  replies {"echo":"hi"}
 * </pre>
 *
 * <p>A bad message throws {@link IllegalArgumentException}; the core sends its message to the caller's callback as
 * an error and keeps the connection open.
 */
public final class DemoService implements Service {

    /** The default mount name. */
    public static final String NAME = "demo";
    /** The longest text, in characters, that {@code echo} accepts. */
    public static final int MAX_TEXT = 500;

    private ServiceContext context;

    /** What {@code echo} replies; a record so the JSON keys keep this order. */
    private record Echo(String echo) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Feature> features() {
        return Set.of(Feature.JSON, Feature.CALLBACKS);
    }

    @Override
    public Object start(ServiceContext ctx) {
        this.context = ctx;
        ctx.onMessage(this::handle);
        return null;
    }

    private void handle(Message message, Request request, Reply reply) {
        Object decoded = message.decode(Object.class);
        if (!(decoded instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("A demo message must be a JSON object such as "
                    + "{\"c\":\"echo\",\"text\":\"hi\"} but was " + describe(decoded));
        }
        Object command = fields.get("c");
        if ("echo".equals(command)) {
            String text = string(fields, "text", "echo", MAX_TEXT);
            context.logger().debug("echo of {} characters for socket {}", text.length(), request.socketId());
            reply.send(new Echo(text));
        } else if (command == null) {
            throw new IllegalArgumentException("A demo message needs a command \"c\": 'echo'");
        } else {
            throw new IllegalArgumentException("Unknown demo command " + describe(command) + "; expected 'echo'");
        }
    }
    private static String string(Map<?, ?> fields, String key, String command, int max) {
        Object value = fields.get(key);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("Demo '" + command + "' needs a string '" + key + "' but "
                    + (value == null ? "got none" : "was " + describe(value)));
        }
        if (s.length() > max) {
            throw new IllegalArgumentException("Demo '" + key + "' must be at most " + max + " characters but was "
                    + s.length());
        }
        return s;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof String s ? "'" + s + "'" : value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
