package dev.rts.bench.peers;

import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.core.RtsServer;
import dev.rts.rpc.Rpc;
import java.util.Map;

/**
 * The RTS side of the comparison, as an app would write it: rts-rpc with {@code bench.echo(String) -> String} (service
 * 1) and a raw-string service {@code fan} (service 2) that broadcasts every message it gets to every connected socket.
 * Prints {@code PORT <n>} once listening. Arguments: {@code [port]}.
 */
public final class RtsBenchServer {

    private RtsBenchServer() {
    }

    /** The methods the load generator calls. */
    public static final class Actions {
        /**
         * Answers its argument.
         *
         * @param text any string
         * @return the same string
         */
        public String echo(String text) {
            return text;
        }
    }

    /**
     * Starts the server and blocks until the process is killed.
     *
     * @param args optional port (0: any free port)
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        RtsServer server = RtsServer.builder().discoverServices(false)
                .service(Rpc.service())
                .service("fan", fanService(), Map.of())
                .host("127.0.0.1")
                .port(port)
                // The per-socket and per-address defaults that protect a public server would cap the load generator
                // (50 sockets x 10 calls in flight, 10,000 idle sockets from 16 addresses); the peers have no such
                // limits, so the comparison turns them off.
                .noMessageRateLimit()
                .newSessionsPerAddress(Integer.MAX_VALUE, Integer.MAX_VALUE)
                .maxConnectionsPerAddress(20_000)
                .maxConnections(20_000)
                .build();
        server.start().get("rpc", Rpc.class).namespace("bench", new Actions());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Raw strings: every message is broadcast to every connected socket, encoded once. */
    static Service fanService() {
        return new Service() {
            @Override
            public String name() {
                return "fan";
            }

            @Override
            public Object start(ServiceContext context) {
                context.onMessage((message, request, reply) -> context.broadcast(message.text()));
                return null;
            }
        };
    }
}
