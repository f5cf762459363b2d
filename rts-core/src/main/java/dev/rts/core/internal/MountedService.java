package dev.rts.core.internal;

import dev.rts.api.AttributeChange;
import dev.rts.api.ConnectionEvent;
import dev.rts.api.Feature;
import dev.rts.api.Json;
import dev.rts.api.MessageHandler;
import dev.rts.api.Service;
import dev.rts.api.ServiceOptions;
import dev.rts.api.UserChange;
import dev.rts.core.spi.OutboundFrame;
import dev.rts.json.internal.StrictJson;
import dev.rts.protocol.FrameCodec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service mounted under a name and a wire id, with the handlers it registered.
 */
final class MountedService {

    final int id;
    final String name;
    /** The service's own object; {@code null} for the built-in system service, which is only a handler. */
    final Service service;
    final ServiceOptions options;
    final Set<Feature> features;
    final boolean json;
    final boolean callbacks;
    final boolean sessions;
    final boolean binary;
    /** Read again once the service has started (it may hide itself when it turned itself off); then fixed. */
    volatile boolean isPrivate;
    final Logger logger;
    volatile MessageHandler handler;
    final List<Consumer<ConnectionEvent>> connectListeners = new CopyOnWriteArrayList<>();
    final List<Consumer<ConnectionEvent>> disconnectListeners = new CopyOnWriteArrayList<>();
    final List<Consumer<UserChange>> userListeners = new CopyOnWriteArrayList<>();
    final List<Consumer<AttributeChange>> attributeListeners = new CopyOnWriteArrayList<>();

    MountedService(int id, String name, Service service, ServiceOptions options) {
        this(id, name, service, options, service.features(), service.isPrivate());
    }

    private MountedService(int id, String name, Service service, ServiceOptions options, Set<Feature> features,
                           boolean isPrivate) {
        this.id = id;
        this.name = name;
        this.service = service;
        this.options = options;
        this.features = Set.copyOf(features);
        this.json = this.features.contains(Feature.JSON);
        this.callbacks = this.features.contains(Feature.CALLBACKS);
        this.sessions = this.features.contains(Feature.SESSIONS);
        this.binary = this.features.contains(Feature.BINARY);
        this.isPrivate = isPrivate;
        this.logger = LoggerFactory.getLogger("rts." + name);
    }

    /** Service 0: private, JSON with callbacks, handled by {@code handler}. */
    static MountedService system(SystemHandler handler) {
        MountedService system = new MountedService(0, SystemHandler.NAME, null, ServiceOptions.empty(),
                SystemHandler.FEATURES, true);
        system.handler = handler;
        return system;
    }

    /** Encodes a message into this service's frame: JSON for JSON services, text otherwise. Done once per send. */
    OutboundFrame frame(Object message, long callbackId, Json codec) {
        if (message == null) {
            throw new IllegalArgumentException("Service '" + name + "' tried to send null; send a value instead");
        }
        if (json && codec instanceof StrictJson strict) {
            // The answer is written straight behind the header: no payload string of its own.
            StringBuilder frame = FrameCodec.appendHeader(new StringBuilder(64), id, callbacks, callbackId);
            strict.encodeTo(frame, message);
            return new OutboundFrame(frame.toString());
        }
        String payload = json ? codec.encode(message) : message.toString();
        return new OutboundFrame(FrameCodec.encode(id, callbacks, callbackId, payload));
    }

    /** Encodes bytes into this service's binary frame, copying them once. */
    OutboundFrame binaryFrame(ByteBuffer payload, long callbackId) {
        Objects.requireNonNull(payload, "payload");
        if (!binary) {
            throw new IllegalStateException("Service '" + name + "' tried to send bytes but does not use "
                    + "Feature.BINARY; add it to features() so that clients expect binary frames");
        }
        return OutboundFrame.binary(FrameCodec.encode(id, callbacks, callbackId, payload));
    }

    @Override
    public String toString() {
        return name + "(" + id + ") " + (service == null ? "built-in" : service.getClass().getName());
    }
}
