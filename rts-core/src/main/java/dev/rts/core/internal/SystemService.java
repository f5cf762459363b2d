package dev.rts.core.internal;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.core.spi.ClientBundle;
import dev.rts.core.spi.OutboundFrame;
import dev.rts.protocol.Frame;
import dev.rts.protocol.FrameCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service 0, {@code _system}: the connect handshake and service discovery. Private, JSON with callbacks.
 */
final class SystemService implements Service {

    static final String NAME = "_system";

    private final Dispatcher dispatcher;
    private volatile List<Map<String, Object>> discovery = List.of();
    private volatile ClientBundle bundle;

    SystemService(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
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
    public boolean isPrivate() {
        return true;
    }

    void discovery(List<Map<String, Object>> entries, ClientBundle clientBundle) {
        this.discovery = List.copyOf(entries);
        this.bundle = clientBundle;
    }

    ClientBundle bundle() {
        return bundle;
    }

    /** Runs on the connection's serial executor. */
    void handle(ConnectionState state, Frame frame) {
        MountedService self = dispatcher.services()[0];
        Map<?, ?> command;
        try {
            command = dispatcher.json.decode(frame.payload(), Map.class);
        } catch (IllegalArgumentException e) {
            dispatcher.sendError(state, self, frame.callbackId(), "System command must be a JSON object like "
                    + "{\"c\":\"connect\"}: " + e.getMessage());
            return;
        }
        Object name = command == null ? null : command.get("c");
        if ("connect".equals(name)) {
            connect(state, frame, command);
        } else if ("discover".equals(name)) {
            reply(state, frame, discovery);
        } else {
            dispatcher.sendError(state, self, frame.callbackId(), "Unknown system command "
                    + (name == null ? "(none)" : "'" + name + "'") + "; expected 'connect' or 'discover'");
        }
    }

    private void connect(ConnectionState state, Frame frame, Map<?, ?> command) {
        if (state.session != null) {
            dispatcher.sendError(state, dispatcher.services()[0], frame.callbackId(), "This socket already completed "
                    + "the connect handshake");
            return;
        }
        LiveSession session = dispatcher.registry.bind(state, command.get("sessionId"));
        // Listeners run before the answer, so that services (pubsub's channel index, say) are ready for this socket
        // by the time the client learns it is connected: nothing published in between is missed.
        if (!state.closed) {
            dispatcher.connected(state);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", RtsVersion.VERSION);
        answer.put("sessionId", session.id());
        reply(state, frame, answer);
    }

    private void reply(ConnectionState state, Frame frame, Object answer) {
        state.connection.send(new OutboundFrame(FrameCodec.encode(0, true, frame.callbackId(),
                dispatcher.json.encode(answer))));
    }

    /** The params a client needs to install a service: what discover lists and the bundle embeds. */
    static Map<String, Object> params(MountedService service) {
        Map<String, Object> use = new LinkedHashMap<>();
        for (Feature feature : Feature.values()) {
            if (service.features.contains(feature)) {
                use.put(feature.wireName(), true);
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", service.id);
        params.put("name", service.name);
        params.put("options", service.service.clientOptions(service.options));
        params.put("use", use);
        return params;
    }

    static List<Map<String, Object>> discoveryEntries(MountedService[] services, ClientCode code) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (MountedService service : services) {
            if (service.id == 0 || service.isPrivate) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("params", params(service));
            entry.put("handler", code.handler(service));
            entries.add(entry);
        }
        return entries;
    }
}
