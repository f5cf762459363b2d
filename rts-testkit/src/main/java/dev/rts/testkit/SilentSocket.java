package dev.rts.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket peer opened by hand on a real server ({@link TestServer.Builder#realWebSocket(boolean)}) that sends a
 * few frames and then never reads, answers pings or closes: a browser whose network vanished, or a reader whose TCP
 * window closed (its receive buffer is small). Unlike the JDK client, which always reads and answers pings, only the
 * server's own timeouts and limits end it.
 */
public final class SilentSocket implements AutoCloseable {

    private final Socket socket;

    private SilentSocket(Socket socket) {
        this.socket = socket;
    }

    /**
     * Opens a socket, upgrades it to a WebSocket, sends the RTS connect handshake with a new session and then these
     * text frames, and reads nothing more.
     *
     * @param port   the server's port on 127.0.0.1
     * @param frames RTS frames such as {@code 1|{"join":"room"}}, each at most 125 bytes
     * @return the open socket
     * @throws UncheckedIOException if the connection or upgrade fails
     */
    public static SilentSocket open(int port, String... frames) {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: "
                    + "Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String headers = readHeaders(socket.getInputStream());
            if (!headers.startsWith("HTTP/1.1 101")) {
                throw new AssertionError("The server refused the upgrade: " + headers);
            }
            out.write(maskedTextFrame("0|1|{\"c\":\"connect\",\"sessionId\":false}"));
            for (String frame : frames) {
                out.write(maskedTextFrame(frame));
            }
            out.flush();
            return new SilentSocket(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException("Cannot open a silent WebSocket to port " + port, e);
        }
    }

    /** Closes the TCP connection without a WebSocket close frame. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("The server closed during the upgrade: " + headers);
            }
            headers.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("SilentSocket sends frames of at most 125 bytes but got "
                    + payload.length);
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
