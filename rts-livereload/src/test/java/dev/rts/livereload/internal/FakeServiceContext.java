package dev.rts.livereload.internal;

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
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Just enough of a server to start the live reload service with a {@link RecordingLogger}, for
 * {@link LiveReloadServiceLogTest}. Everything else is tested through a real server with rts-testkit
 * ({@link LiveReloadServiceTest}); this fake stays only because the testkit cannot show what a service logs.
 */
final class FakeServiceContext implements ServiceContext {

    final RecordingLogger logger = new RecordingLogger();
    private final ServiceOptions options;
    private final boolean production;

    FakeServiceContext(ServiceOptions options, boolean production) {
        this.options = options;
        this.production = production;
    }

    @Override
    public String name() {
        return "livereload";
    }

    @Override
    public int id() {
        return 1;
    }

    @Override
    public ServiceOptions options() {
        return options;
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public Path root() {
        return Path.of("livereload").toAbsolutePath();
    }

    @Override
    public ClusterBus bus() {
        throw new UnsupportedOperationException("not needed by live reload");
    }

    @Override
    public Api api() {
        throw new UnsupportedOperationException("not needed by live reload");
    }

    @Override
    public Json json() {
        throw new UnsupportedOperationException("not needed by live reload");
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }

    @Override
    public boolean production() {
        return production;
    }

    @Override
    public Connections connections() {
        throw new UnsupportedOperationException("not needed by live reload");
    }

    @Override
    public void onMessage(MessageHandler handler) {
    }

    @Override
    public void onConnect(Consumer<ConnectionEvent> listener) {
    }

    @Override
    public void onDisconnect(Consumer<ConnectionEvent> listener) {
    }

    @Override
    public void onUserChange(Consumer<UserChange> listener) {
    }

    @Override
    public void onAttributeChange(Consumer<AttributeChange> listener) {
    }

    @Override
    public boolean send(String socketId, Object message) {
        throw new UnsupportedOperationException("live reload only broadcasts");
    }

    @Override
    public int send(Collection<String> socketIds, Object message) {
        throw new UnsupportedOperationException("live reload only broadcasts");
    }

    @Override
    public int broadcast(Object message) {
        throw new UnsupportedOperationException("the log tests change no files and trigger nothing");
    }

    @Override
    public boolean sendBytes(String socketId, ByteBuffer payload) {
        throw new UnsupportedOperationException("live reload sends no bytes");
    }

    @Override
    public int sendBytes(Collection<String> socketIds, ByteBuffer payload) {
        throw new UnsupportedOperationException("live reload sends no bytes");
    }

    @Override
    public int broadcastBytes(ByteBuffer payload) {
        throw new UnsupportedOperationException("live reload sends no bytes");
    }
}
