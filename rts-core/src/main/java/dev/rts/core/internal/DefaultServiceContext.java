package dev.rts.core.internal;

import dev.rts.api.Api;
import dev.rts.api.AttributeChange;
import dev.rts.api.ClusterBus;
import dev.rts.api.ConnectionEvent;
import dev.rts.api.Connections;
import dev.rts.api.Json;
import dev.rts.api.MessageHandler;
import dev.rts.api.ServiceContext;
import dev.rts.api.ServiceOptions;
import dev.rts.api.UserChange;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * One service's view of the server.
 */
final class DefaultServiceContext implements ServiceContext {

    private final MountedService mounted;
    private final Outbox outbox;
    private final ConnectionRegistry registry;
    private final Json json;
    private final Executor workers;
    private final boolean production;
    private final Api api;
    private final Path root;
    private final ServiceBus bus;
    private volatile boolean sealed;

    DefaultServiceContext(MountedService mounted, ConnectionRegistry registry, Json json, Executor workers,
                          boolean production, Api api, Path serverRoot, ClusterBus bus) {
        this.mounted = mounted;
        this.outbox = new Outbox(mounted, registry, json);
        this.registry = registry;
        this.json = json;
        this.workers = workers;
        this.production = production;
        this.api = api;
        this.root = serverRoot.resolve(mounted.name);
        this.bus = new ServiceBus(bus, mounted.name);
    }

    /** Called once the service's start returned: handlers are fixed from then on. */
    void seal() {
        sealed = true;
    }

    @Override
    public String name() {
        return mounted.name;
    }

    @Override
    public int id() {
        return mounted.id;
    }

    @Override
    public ServiceOptions options() {
        return mounted.options;
    }

    @Override
    public Logger logger() {
        return mounted.logger;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Api api() {
        return api;
    }

    @Override
    public Json json() {
        return json;
    }

    @Override
    public Executor executor() {
        return workers;
    }

    @Override
    public ServiceBus bus() {
        return bus;
    }

    @Override
    public boolean production() {
        return production;
    }

    @Override
    public Connections connections() {
        return registry;
    }

    @Override
    public void onMessage(MessageHandler handler) {
        checkOpen("onMessage");
        mounted.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void onConnect(Consumer<ConnectionEvent> listener) {
        checkOpen("onConnect");
        mounted.connectListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onDisconnect(Consumer<ConnectionEvent> listener) {
        checkOpen("onDisconnect");
        mounted.disconnectListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onUserChange(Consumer<UserChange> listener) {
        checkOpen("onUserChange");
        mounted.userListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onAttributeChange(Consumer<AttributeChange> listener) {
        checkOpen("onAttributeChange");
        mounted.attributeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public boolean send(String socketId, Object message) {
        return outbox.send(socketId, message);
    }

    @Override
    public int send(Collection<String> socketIds, Object message) {
        return outbox.send(socketIds, message);
    }

    @Override
    public int broadcast(Object message) {
        return outbox.broadcast(message);
    }

    @Override
    public boolean sendBytes(String socketId, ByteBuffer payload) {
        return outbox.sendBytes(socketId, payload);
    }

    @Override
    public int sendBytes(Collection<String> socketIds, ByteBuffer payload) {
        return outbox.sendBytes(socketIds, payload);
    }

    @Override
    public int broadcastBytes(ByteBuffer payload) {
        return outbox.broadcastBytes(payload);
    }

    private void checkOpen(String method) {
        if (sealed) {
            throw new IllegalStateException("Service '" + mounted.name + "' called " + method + " after start; register "
                    + "handlers in Service.start(ServiceContext)");
        }
    }
}
