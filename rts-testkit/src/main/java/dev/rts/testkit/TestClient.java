package dev.rts.testkit;

import dev.rts.client.ClientMessage;
import dev.rts.client.ClientTransport;
import dev.rts.client.RtsClient;
import dev.rts.client.RtsClientBuilder;
import dev.rts.client.RtsErrorException;
import dev.rts.client.internal.JdkWebSocketTransport;
import dev.rts.testkit.internal.MemoryTransport;
import dev.rts.testkit.internal.TappedTransport;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A client of a {@link TestServer}, connected and ready: sends and calls services, records what it receives, and
 * waits for it with the server's timeout. Every wait that fails says what was received instead.
 *
 * <p>Besides the messages of each service it keeps every frame the server sent it, as it came off the wire
 * ({@link #frames()}, and {@link TestServer#sent()} across clients), and sends frames no well-behaved client would
 * ({@link #sendFrame(String)}). {@link #sync()} and {@link #assertNoMoreMessages()} make a round trip through the
 * server first, so that a frame the server was about to send is not missed.
 *
 * <p>Thread-safe. Close it, or let the server close it on stop.
 */
public final class TestClient implements AutoCloseable {

    private final Supplier<ClientTransport> transports;
    private final FrameLog frameLog;
    private final String name;
    private final Duration timeout;
    private final Map<String, BlockingQueue<ReceivedMessage>> inbox = new ConcurrentHashMap<>();
    private final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ClientFrames frames;
    private volatile RtsClient client;
    private volatile TappedTransport transport;

    TestClient(Supplier<ClientTransport> transports, String sessionId, FrameLog frameLog, String name,
               Duration timeout) {
        this.transports = transports;
        this.frameLog = frameLog;
        this.name = name;
        this.timeout = timeout;
        this.frames = new ClientFrames(frameLog);
        connectWith(sessionId);
    }

    /**
     * Connects a client to a server the test started itself (an app's {@code main}, say) over a real WebSocket, with
     * a new session. Everything but {@link #socketId()} works as with {@link TestServer#client()}; close it when done.
     *
     * @param uri     the server's WebSocket address, such as {@code ws://127.0.0.1:3001/}
     * @param timeout how long waits last before they fail
     * @return the connected client
     * @throws AssertionError if the handshake does not complete within the timeout
     */
    public static TestClient connect(URI uri, Duration timeout) {
        URI target = Objects.requireNonNull(uri, "uri");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be a positive duration but was " + timeout);
        }
        return new TestClient(() -> new JdkWebSocketTransport(target), null, new FrameLog(), "client " + uri,
                timeout);
    }

    private void record(String service, ClientMessage message) {
        ReceivedMessage received = received(service, message);
        log.add(received.toString());
        queue(service).add(received);
    }

    private static ReceivedMessage received(String service, ClientMessage message) {
        return message.isBinary() ? new ReceivedMessage(service, null, message.buffer())
                : new ReceivedMessage(service, message.text());
    }

    private BlockingQueue<ReceivedMessage> queue(String service) {
        return inbox.computeIfAbsent(service, k -> new LinkedBlockingQueue<>());
    }

    /**
     * The session id the server gave this client.
     *
     * @return the session id
     */
    public String sessionId() {
        return client.sessionId();
    }

    /**
     * The server-side socket id of this client's current connection (in-memory mode only).
     *
     * @return the socket id
     * @throws IllegalStateException over a real WebSocket, where the client cannot know it
     */
    public String socketId() {
        TappedTransport current = transport;
        if (current != null && current.delegate() instanceof MemoryTransport.Pipe pipe) {
            return pipe.id();
        }
        throw new IllegalStateException("socketId() is known only in memory mode; over a real WebSocket the client "
                + "cannot see its server-side socket id");
    }

    /**
     * Whether the client's connection is open (and was not closed by {@link #disconnect()} or the server).
     *
     * @return {@code true} while connected
     */
    public boolean isConnected() {
        TappedTransport current = transport;
        return current != null && !current.isClosed();
    }

    /**
     * The underlying client, for what this class does not wrap.
     *
     * @return the client
     */
    public RtsClient rtsClient() {
        return client;
    }

    /**
     * Sends a message without callback.
     *
     * @param service the service name
     * @param message the message; encoded as JSON for JSON services
     * @throws AssertionError if the client is not connected
     */
    public void send(String service, Object message) {
        if (!client.service(service).send(message)) {
            throw new AssertionError("Could not send to '" + service + "': the client is not connected");
        }
    }

    /**
     * Calls a service and waits for its answer.
     *
     * @param service the service name
     * @param message the message
     * @return the answer
     * @throws AssertionError if the server answered with an error frame or nothing came within the timeout
     */
    public ReceivedMessage call(String service, Object message) {
        return answer(service, callAsync(service, message));
    }

    /**
     * Sends bytes as a binary frame without callback.
     *
     * @param service the service name; it must use {@code Feature.BINARY}
     * @param payload the bytes
     * @throws AssertionError        if the client is not connected
     * @throws IllegalStateException if the service does not take binary frames
     */
    public void sendBytes(String service, byte[] payload) {
        if (!client.service(service).sendBytes(ByteBuffer.wrap(payload))) {
            throw new AssertionError("Could not send to '" + service + "': the client is not connected");
        }
    }

    /**
     * Sends a text frame exactly as given, header included, malformed or not: <code>"1|7|&#123;not json"</code>,
     * {@code "99|x"}, {@code "garbage"}. The server's answer, if any, is read as any other: an error frame that
     * answers no call of this client with {@link #nextError()}, every frame with {@link #frames()}.
     *
     * @param frame the whole frame, such as {@code "1|7|{\"m\":\"demo.square\",\"p\":[5]}"}
     * @throws AssertionError if the client is not connected
     */
    public void sendFrame(String frame) {
        if (!transport.send(frame)) {
            throw new AssertionError("Could not send the frame " + frame + ": the client is not connected");
        }
    }

    /**
     * Sends a binary frame exactly as given, header included ({@code "4|7|"} in ASCII, then the payload), malformed
     * or not.
     *
     * @param frame the whole frame
     * @throws AssertionError if the client is not connected
     */
    public void sendFrame(byte[] frame) {
        if (!transport.sendBinary(ByteBuffer.wrap(frame.clone()))) {
            throw new AssertionError("Could not send a binary frame of " + frame.length + " bytes: the client is not "
                    + "connected");
        }
    }

    /**
     * The id the server gave a service, as its discover answer listed it: the first field of a frame, for
     * {@link #sendFrame(String)}.
     *
     * @param service the service name
     * @return its id
     * @throws AssertionError if the server does not list it (private services are never listed)
     */
    public int serviceId(String service) {
        int id = frameLog.serviceId(service);
        if (id < 0) {
            throw new AssertionError("The server lists no service '" + service + "'; listed: " + client.services());
        }
        return id;
    }

    /**
     * Every frame the server sent this client so far, in arrival order, as it came off the wire: answers, pushes,
     * broadcasts, error frames, the handshake. Reading it consumes nothing; call {@link #sync()} first to include
     * frames that are on their way.
     *
     * @return a snapshot
     */
    public List<SentFrame> frames() {
        return frames.all();
    }

    /**
     * Waits for the next frame the server sent this client since it was ready (the handshake and discovery are
     * skipped), for tests of the exact wire format. It reads with a cursor of its own: what it returns is still
     * there for {@link #nextMessage(String)}, {@link #nextError()} and {@link #frames()}.
     *
     * @return the frame
     * @throws AssertionError if none arrives within the timeout, listing what did arrive
     */
    public SentFrame nextFrame() {
        SentFrame frame = frames.next(timeout);
        if (frame == null) {
            throw new AssertionError("Expected a frame within " + timeout + " but none arrived; received so far: "
                    + received());
        }
        return frame;
    }

    /**
     * Asserts that {@link #nextFrame()} has nothing left to read, after a {@link #sync()} round trip (skipped when
     * the client is disconnected): the frame-level counterpart of {@link #assertNoMoreMessages()}.
     *
     * @throws AssertionError listing the frames not read
     */
    public void assertNoMoreFrames() {
        if (isConnected()) {
            sync();
        }
        List<String> left = frames.unread();
        if (!left.isEmpty()) {
            throw new AssertionError("Expected no more frames but these were not read: " + left);
        }
    }

    /**
     * Makes a round trip through the server on this client's connection and waits for it: the server handles a
     * connection's frames in order, so once it returns every frame the server sent because of what this client sent
     * before has arrived and is recorded, and so has every frame the server sent it before, broadcasts included. The
     * round trip is a {@code discover} request this client never shows; it counts against the server's message rate
     * like any frame (if refused, the refusal ends the round trip just as well).
     *
     * @throws AssertionError if the client is not connected or no answer comes within the timeout
     */
    public void sync() {
        await(transport.barrier(), "the server to answer a sync round trip");
    }

    /**
     * Calls a service with bytes in a binary frame and waits for its answer, text or binary.
     *
     * @param service the service name; it must use {@code Feature.BINARY} and callbacks
     * @param payload the bytes
     * @return the answer
     * @throws AssertionError if the server answered with an error frame or nothing came within the timeout
     */
    public ReceivedMessage callBytes(String service, byte[] payload) {
        return answer(service, client.service(service).callBytes(ByteBuffer.wrap(payload)));
    }

    private ReceivedMessage answer(String service, CompletableFuture<ClientMessage> call) {
        try {
            return received(service, await(call, "an answer from '" + service + "'"));
        } catch (RtsErrorException e) {
            throw new AssertionError("Service '" + service + "' answered with an error: " + e.getMessage(), e);
        }
    }

    /**
     * Calls a service expecting an error frame, and returns its message.
     *
     * @param service the service name
     * @param message the message
     * @return the server's error message
     * @throws AssertionError if the call succeeded or nothing came within the timeout
     */
    public String callError(String service, Object message) {
        try {
            ClientMessage answer = await(callAsync(service, message), "an error from '" + service + "'");
            throw new AssertionError("Expected an error from '" + service + "' but it answered "
                    + received(service, answer));
        } catch (RtsErrorException e) {
            return e.getMessage();
        }
    }

    /**
     * Calls a service without waiting, for tests of concurrent calls.
     *
     * @param service the service name
     * @param message the message
     * @return completes with the answer or fails with {@link RtsErrorException}
     */
    public CompletableFuture<ClientMessage> callAsync(String service, Object message) {
        return client.service(service).call(message);
    }

    /**
     * Waits for the next message from a service that was not an answer to a call.
     *
     * @param service the service name
     * @return the message
     * @throws AssertionError if none arrives within the timeout, listing what did arrive
     */
    public ReceivedMessage nextMessage(String service) {
        ReceivedMessage message = poll(queue(service), timeout);
        if (message == null) {
            throw new AssertionError("Expected a message from '" + service + "' within " + timeout
                    + " but none arrived; received so far: " + received());
        }
        return message;
    }

    /**
     * Waits for the next error frame that answered no call (rejected or dropped messages, rate limits...).
     *
     * @return the server's error message
     * @throws AssertionError if none arrives within the timeout, listing what did arrive
     */
    public String nextError() {
        String error = poll(errors, timeout);
        if (error == null) {
            throw new AssertionError("Expected an error frame within " + timeout + " but none arrived; received so "
                    + "far: " + received());
        }
        return error;
    }

    /**
     * Asserts that no message or error is left to read: after a {@link #sync()} round trip (skipped when the client is
     * disconnected, as nothing more can come), so that a frame the server was about to send counts too.
     *
     * @throws AssertionError listing what was not read
     */
    public void assertNoMoreMessages() {
        TappedTransport current = transport;
        if (current != null && !current.isClosed()) {
            sync();
        }
        List<Object> waiting = new ArrayList<>(errors);
        inbox.values().forEach(waiting::addAll);
        if (!waiting.isEmpty()) {
            throw new AssertionError("Expected no more messages but these were not read: " + waiting);
        }
    }

    /**
     * Asserts that no message arrives from a service within a window: a bounded negative check, for "must not be
     * delivered" tests.
     *
     * @param service the service name
     * @param window  how long to watch
     * @throws AssertionError if one arrives
     */
    public void assertNoMessageWithin(String service, Duration window) {
        ReceivedMessage message = poll(queue(service), window);
        if (message != null) {
            throw new AssertionError("Expected no message from '" + service + "' but got " + message);
        }
    }

    /**
     * Everything received so far, in order, for failure messages.
     *
     * @return a snapshot
     */
    public List<String> received() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /**
     * Closes the connection as a browser tab would; the server sees a disconnect. {@link #reconnect()} opens it again.
     */
    public void disconnect() {
        client.disconnect();
    }

    /**
     * Opens a new connection presenting the same session, as a reloaded page would, and waits until it is ready.
     *
     * @throws AssertionError if the server did not keep the session
     */
    public void reconnect() {
        String session = client.sessionId();
        client.disconnect();
        connectWith(session);
        if (!session.equals(client.sessionId())) {
            throw new AssertionError("Reconnected with session " + session + " but the server gave "
                    + client.sessionId());
        }
    }

    /** Connects a fresh client, presenting a session if not null, and listens to every service it discovers. */
    private void connectWith(String sessionId) {
        frames.connecting(true);
        RtsClientBuilder builder = RtsClient.builder().reconnect(false).transport(() -> {
            TappedTransport tapped = new TappedTransport(transports.get(), new TappedTransport.Tap() {
                @Override
                public void text(String frame) {
                    frames.add(TestClient.this, frame);
                }

                @Override
                public void binary(byte[] frame) {
                    frames.add(TestClient.this, frame);
                }
            });
            transport = tapped;
            return tapped;
        });
        if (sessionId != null) {
            builder.sessionId(sessionId);
        }
        RtsClient fresh = builder.build();
        fresh.onError(message -> {
            log.add("error: " + message);
            errors.add(message);
        });
        // Registered before connecting: services may push during the handshake.
        fresh.onMessage(message -> record(message.service(), message));
        try {
            await(fresh.connect(), "the connect handshake");
        } catch (RuntimeException | AssertionError e) {
            // Nobody holds this client: close it, or its connection would stay open for the rest of the test.
            fresh.disconnect();
            throw e;
        }
        client = fresh;
        frames.connecting(false);
    }

    @Override
    public void close() {
        client.disconnect();
    }

    /** The client's name in failure messages and {@link SentFrame#toString()}: {@code client-1}, {@code client-2}... */
    @Override
    public String toString() {
        return name;
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Expected " + what + " within " + timeout + " but none came; received so far: "
                    + received());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RtsErrorException error) {
                throw error;
            }
            throw new AssertionError("Waiting for " + what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + what, e);
        }
    }

    private static <T> T poll(BlockingQueue<T> queue, Duration window) {
        try {
            return queue.poll(window.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }
}
