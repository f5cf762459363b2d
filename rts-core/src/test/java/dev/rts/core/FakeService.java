package dev.rts.core;

import dev.rts.api.Feature;
import dev.rts.api.MessageHandler;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A service configured by the test: its name, features, message handler and what its start does. It records start
 * and stop as {@code "start <name>"} and {@code "stop <name>"}.
 */
public final class FakeService implements Service {

    private final String name;
    private volatile Set<Feature> features = Set.of();
    private volatile boolean hidden;
    private volatile MessageHandler handler;
    private volatile Consumer<ServiceContext> onStart = context -> { };
    private volatile Exception startFailure;
    private volatile Object api;
    private volatile Queue<String> lifecycle = new ConcurrentLinkedQueue<>();
    private volatile ServiceContext context;

    private FakeService(String name) {
        this.name = name;
    }

    /** A service without features, handler or API. */
    public static FakeService named(String name) {
        return new FakeService(name);
    }

    public FakeService features(Feature... used) {
        this.features = Set.of(used);
        return this;
    }

    public FakeService hidden() {
        this.hidden = true;
        return this;
    }

    /** Registers this handler with {@code onMessage} during start. */
    public FakeService handler(MessageHandler messageHandler) {
        this.handler = messageHandler;
        return this;
    }

    /** Answers every message with its own payload text. */
    public FakeService echo() {
        return handler((message, request, reply) -> reply.send(message.text()));
    }

    /** Runs during start, before the handler is registered. */
    public FakeService onStart(Consumer<ServiceContext> action) {
        this.onStart = action;
        return this;
    }

    /** Makes start throw this after running its actions. */
    public FakeService failStartWith(Exception failure) {
        this.startFailure = failure;
        return this;
    }

    /** The server-side API start returns. */
    public FakeService api(Object serviceApi) {
        this.api = serviceApi;
        return this;
    }

    /** Records start and stop in a queue shared with other services. */
    public FakeService recordLifecycleIn(Queue<String> events) {
        this.lifecycle = events;
        return this;
    }

    /** The context start was given. */
    public ServiceContext context() {
        if (context == null) {
            throw new IllegalStateException("Service '" + name + "' was not started");
        }
        return context;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Feature> features() {
        return features;
    }

    @Override
    public boolean isPrivate() {
        return hidden;
    }

    @Override
    public Object start(ServiceContext serviceContext) throws Exception {
        lifecycle.add("start " + name);
        context = serviceContext;
        onStart.accept(serviceContext);
        if (handler != null) {
            serviceContext.onMessage(handler);
        }
        if (startFailure != null) {
            throw startFailure;
        }
        return api;
    }

    @Override
    public void stop() {
        lifecycle.add("stop " + name);
    }

    @Override
    public String toString() {
        return "FakeService[" + name + "]";
    }
}
