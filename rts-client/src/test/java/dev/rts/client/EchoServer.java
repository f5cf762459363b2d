package dev.rts.client;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.core.RtsServer;
import java.util.Map;
import java.util.Set;

/**
 * A server with an echo service, runnable in this JVM or, through {@link #main}, in another one.
 */
final class EchoServer {

    /** JSON + callbacks; {"fail":true} throws; {"broadcast":x} sends x to everyone. */
    static final class Echo implements Service {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.JSON, Feature.CALLBACKS);
        }

        @Override
        public Object start(ServiceContext ctx) {
            ctx.onMessage((message, request, reply) -> {
                Map<?, ?> body = message.decode(Map.class);
                if (body.containsKey("fail")) {
                    throw new IllegalStateException("Told to fail");
                }
                if (body.containsKey("broadcast")) {
                    ctx.broadcast(Map.of("news", body.get("broadcast")));
                }
                if (body.containsKey("never")) {
                    return;
                }
                reply.send(Map.of("echo", body, "session", request.sessionId().orElse("")));
            });
            return null;
        }
    }

    private EchoServer() {
    }

    static RtsServer start(int port) {
        RtsServer server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(port)
                .service(new Echo()).build();
        server.start();
        return server;
    }

    /** Starts a server on a free port, prints {@code PORT <n>}, and runs until standard input closes. */
    public static void main(String[] args) throws Exception {
        RtsServer server = start(0);
        System.out.println("PORT " + server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the parent closes our standard input.
        }
        server.stop();
    }
}
