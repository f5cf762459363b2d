package dev.rts.transport.undertow;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Run in a child JVM by {@link HalfOpenFloodTest}, so that its sockets count against its own file descriptor limit:
 * opens sockets from one address, sends each the start of a request head and never finishes it. A socket the server
 * answers or closes is closed here too (its port is needed again); the others are held. Prints
 * {@code attempts N held M refused R} when done, then holds its sockets until its standard input closes.
 */
public final class HalfOpenAttacker {

    private HalfOpenAttacker() {
    }

    /**
     * @param args port, attempt count, local address
     * @throws IOException if the selector fails
     */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int attempts = Integer.parseInt(args[1]);
        String from = args[2];
        byte[] partial = "GET / HTTP/1.1\r\nHost: x\r\nX-a: ".getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        ByteBuffer sink = ByteBuffer.allocate(4096);
        int refused = 0;
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < attempts; i++) {
                SocketChannel channel = SocketChannel.open();
                try {
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    channel.bind(new InetSocketAddress(from, 0));
                    channel.connect(server);
                    channel.write(ByteBuffer.wrap(partial));
                    channel.configureBlocking(false);
                    channel.register(selector, SelectionKey.OP_READ);
                } catch (IOException e) {
                    refused++;
                    channel.close();
                }
                if (i % 100 == 99 || i == attempts - 1) {
                    refused += closeAnswered(selector, sink);
                }
            }
            System.out.println("attempts " + attempts + " held " + selector.keys().size() + " refused " + refused);
            System.out.flush();
            while (System.in.read() >= 0) {
                // Hold the sockets until the test closes our input.
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
    }

    /** Closes every socket the server answered (a 503) or closed; returns how many. */
    private static int closeAnswered(Selector selector, ByteBuffer sink) throws IOException {
        int closed = 0;
        selector.selectNow();
        for (SelectionKey key : selector.selectedKeys()) {
            key.channel().close();
            closed++;
        }
        selector.selectedKeys().clear();
        selector.selectNow();
        return closed;
    }
}
