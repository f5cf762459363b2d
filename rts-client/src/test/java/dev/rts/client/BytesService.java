package dev.rts.client;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.core.RtsServer;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * JSON, callbacks and bytes: a binary message is answered with its bytes reversed, the text {@code "size"} with the
 * JSON {@code {"size":n}} of the last bytes received, and the text {@code "push"} with those bytes broadcast.
 */
public final class BytesService implements Service {

    private volatile byte[] last = new byte[0];

    /** Starts a loopback server on a free port with only this service. */
    public static RtsServer startServer() {
        RtsServer server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0)
                .service(new BytesService()).build();
        server.start();
        return server;
    }

    @Override
    public String name() {
        return "bytes";
    }

    @Override
    public Set<Feature> features() {
        return Set.of(Feature.JSON, Feature.CALLBACKS, Feature.BINARY);
    }

    @Override
    public Object start(ServiceContext ctx) {
        ctx.onMessage((message, request, reply) -> {
            if (message.isBinary()) {
                byte[] bytes = message.bytes();
                last = bytes.clone();
                for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
                    byte b = bytes[i];
                    bytes[i] = bytes[j];
                    bytes[j] = b;
                }
                reply.sendBytes(ByteBuffer.wrap(bytes));
            } else if ("push".equals(message.decode(String.class))) {
                ctx.broadcastBytes(ByteBuffer.wrap(last));
            } else {
                reply.send(Map.of("size", last.length));
            }
        });
        return null;
    }
}
