package dev.rts.client.internal;

import dev.rts.client.ClientTransport;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Hands the client in-memory transports and lets a test play the server's side of each, on the test's thread. */
final class FakeServer implements Supplier<ClientTransport> {

    final List<Pipe> pipes = new CopyOnWriteArrayList<>();
    /** Whether pipes report their opening from inside {@code open}, as the testkit's in-memory transport does. */
    volatile boolean openAtOnce;

    @Override
    public ClientTransport get() {
        Pipe pipe = new Pipe(openAtOnce);
        pipes.add(pipe);
        return pipe;
    }

    Pipe last() {
        return pipes.get(pipes.size() - 1);
    }

    /** One connection attempt: what the client sent, and buttons for what the server does. */
    static final class Pipe implements ClientTransport {
        final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> sentBinary = new LinkedBlockingQueue<>();
        private final boolean openAtOnce;
        volatile Listener listener;
        volatile boolean closed;

        Pipe(boolean openAtOnce) {
            this.openAtOnce = openAtOnce;
        }

        @Override
        public void open(Listener eventListener) {
            listener = eventListener;
            if (openAtOnce) {
                eventListener.onOpen();
            }
        }

        @Override
        public boolean send(String frame) {
            sent.add(frame);
            return true;
        }

        @Override
        public boolean sendBinary(ByteBuffer frame) {
            byte[] bytes = new byte[frame.remaining()];
            frame.duplicate().get(bytes);
            sentBinary.add(bytes);
            return true;
        }

        @Override
        public void close() {
            closed = true;
            listener.onClose(1000, "Closed by client");
        }

        String nextSent() throws InterruptedException {
            String frame = sent.poll(5, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("The client sent nothing within 5 s");
            }
            return frame;
        }

        /** Opens and answers the handshake and discovery: JSON services with callbacks "svc" (id 1) and "rpc" (2). */
        void openAndHandshake() throws InterruptedException {
            openAndHandshake("[{\"params\":{\"id\":1,\"name\":\"svc\",\"use\":{\"json\":true,\"callbacks\":true}}},"
                    + "{\"params\":{\"id\":2,\"name\":\"rpc\",\"use\":{\"json\":true,\"callbacks\":true}}}]");
        }

        /** Opens and answers the handshake, then discovery with this JSON list. */
        void openAndHandshake(String discovery) throws InterruptedException {
            listener.onOpen();
            nextSent();
            listener.onText("0|1|{\"sessionId\":\"s1\"}");
            nextSent();
            listener.onText("0|2|" + discovery);
        }
    }
}
