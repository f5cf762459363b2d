package dev.rts.client;

import dev.rts.core.RtsServer;
import dev.rts.transport.undertow.TestServices;

/**
 * A server with the transport tests' echo service ({@link TestServices.Echo}), runnable in this JVM or, through
 * {@link #main}, in another one.
 */
final class EchoServer {

    private EchoServer() {
    }

    static RtsServer start(int port) {
        RtsServer server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(port)
                .service(new TestServices.Echo()).build();
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
