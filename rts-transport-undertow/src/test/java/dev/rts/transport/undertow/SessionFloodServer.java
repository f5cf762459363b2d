package dev.rts.transport.undertow;

import dev.rts.core.RtsServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

/**
 * Run in a child JVM by {@link SessionFloodTest}: an RTS server with its default bounds (and the echo service) on
 * 127.0.0.1, port 0. Prints {@code port N}; then, for every line on its standard input, prints the heap in use after a
 * garbage collection; exits when its input closes.
 */
public final class SessionFloodServer {

    private SessionFloodServer() {
    }

    /**
     * @param args the session cap, or none for the default
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        var builder = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0)
                .service(new TestServices.Echo());
        if (args.length > 0) {
            builder.maxSessions(Integer.parseInt(args[0]));
        }
        RtsServer server = builder.build();
        server.start();
        System.out.println("port " + server.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        while (in.readLine() != null) {
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.println("heap " + (runtime.totalMemory() - runtime.freeMemory()) / 1024 + " KiB in use of "
                    + runtime.maxMemory() / 1024 + " KiB");
            System.out.flush();
        }
        server.stop();
    }
}
