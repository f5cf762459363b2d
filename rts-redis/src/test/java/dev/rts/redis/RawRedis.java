package dev.rts.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis commands through a plain socket in RESP, as a system in another language would send them: proves the formats
 * in docs/PROTOCOL.md without the Java API.
 */
public final class RawRedis implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * Connects to 127.0.0.1.
     *
     * @param port the port
     * @throws IOException if nothing answers
     */
    public RawRedis(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Null if Redis answers PING on the port, else why not. */
    static String ping(int port) {
        try (RawRedis redis = new RawRedis(port)) {
            Object answer = redis.command("PING");
            return "PONG".equals(answer) ? null : "PING answered " + answer;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /**
     * Waits until a channel has at least this many subscribed connections ({@code PUBSUB NUMSUB}): a barrier before
     * publishing, since subscriptions are made asynchronously.
     */
    static void awaitSubscribers(int port, String channel, long count) throws IOException {
        long deadline = System.nanoTime() + NodeClient.WAIT.toNanos();
        try (RawRedis redis = new RawRedis(port)) {
            long now;
            do {
                now = (Long) ((List<?>) redis.command("PUBSUB", "NUMSUB", channel)).get(1);
                if (now >= count) {
                    return;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() < deadline);
            throw new AssertionError("Expected " + count + " subscriber(s) of '" + channel + "' within "
                    + NodeClient.WAIT + " but there were " + now);
        }
    }

    /**
     * Sends one command and reads its answer.
     *
     * @param args the command and its arguments
     * @return a String for simple and bulk strings, a Long for integers, a List for arrays, null for nil
     * @throws IOException on a socket error or an error answer
     */
    public Object command(String... args) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            request.write(bytes);
            request.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(request.toByteArray());
        out.flush();
        return read();
    }

    private Object read() throws IOException {
        int type = in.read();
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IOException("Redis answered an error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("Unexpected RESP type '" + (char) type + "'");
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.write(c);
        }
        in.read();
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
