package dev.rts.client.internal;

import dev.rts.client.ClientMessage;
import dev.rts.client.RtsErrorException;
import dev.rts.client.ServiceHandle;
import dev.rts.protocol.FrameCodec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A service seen from the client: its wire id and features (refreshed at every handshake), pending calls, listeners.
 */
final class DefaultServiceHandle implements ServiceHandle {

    private final String name;
    private final DefaultRtsClient client;
    private final AtomicLong nextCallback = new AtomicLong();
    private final Map<Long, CompletableFuture<ClientMessage>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<ClientMessage>> listeners = new CopyOnWriteArrayList<>();
    volatile int id = -1;
    volatile boolean json;
    volatile boolean callbacks;
    volatile boolean binary;

    DefaultServiceHandle(String name, DefaultRtsClient client) {
        this.name = name;
        this.client = client;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean send(Object message) {
        String payload = encode(message);
        int serviceId = id;
        return serviceId >= 0 && client.write(FrameCodec.encode(serviceId, callbacks, FrameCodec.NO_CALLBACK,
                payload));
    }

    @Override
    public boolean sendBytes(ByteBuffer payload) {
        checkBinary(payload);
        int serviceId = id;
        return serviceId >= 0 && client.writeBinary(FrameCodec.encode(serviceId, callbacks, FrameCodec.NO_CALLBACK,
                payload));
    }

    @Override
    public CompletableFuture<ClientMessage> call(Object message) {
        checkCallbacks();
        // Encode first: a message that cannot be encoded throws before anything waits for an answer.
        String payload = encode(message);
        return call((serviceId, callbackId) -> client.write(FrameCodec.encode(serviceId, true, callbackId, payload)));
    }

    @Override
    public CompletableFuture<ClientMessage> callBytes(ByteBuffer payload) {
        checkCallbacks();
        checkBinary(payload);
        return call((serviceId, callbackId) -> client.writeBinary(FrameCodec.encode(serviceId, true, callbackId,
                payload)));
    }

    private void checkCallbacks() {
        if (!callbacks) {
            throw new IllegalStateException("Service '" + name + "' does not use callbacks; use send(...) and "
                    + "onMessage(...) instead");
        }
    }

    private void checkBinary(ByteBuffer payload) {
        Objects.requireNonNull(payload, "payload");
        if (!binary) {
            throw new IllegalStateException("Service '" + name + "' does not take binary frames (its params do not "
                    + "say use.binary); send it text instead");
        }
    }

    /** Writes one call's frame; answers whether it was queued. */
    private interface CallWriter {
        boolean write(int serviceId, long callbackId);
    }

    /** Registers a pending call, then writes its frame. */
    private CompletableFuture<ClientMessage> call(CallWriter writer) {
        int serviceId = id;
        if (serviceId < 0) {
            return CompletableFuture.failedFuture(new RtsErrorException("The server no longer offers service '" + name
                    + "'"));
        }
        long callbackId = nextCallback.incrementAndGet();
        CompletableFuture<ClientMessage> answer = new CompletableFuture<>();
        pending.put(callbackId, answer);
        // However the call ends, also by the app's cancel() or orTimeout(), it no longer waits for an answer.
        answer.whenComplete((reply, error) -> pending.remove(callbackId, answer));
        if (!writer.write(serviceId, callbackId)) {
            pending.remove(callbackId);
            answer.completeExceptionally(new RtsErrorException(client.isReady()
                    ? "Not sent: too much is waiting to be sent to the server; cannot call service '" + name + "' now"
                    : "Not connected: cannot call service '" + name + "'"));
        }
        return answer;
    }

    @Override
    public <T> CompletableFuture<T> call(Object message, Class<T> replyType) {
        return decoded(call(message), reply -> reply.decode(replyType));
    }

    /**
     * Maps a call's answer; when the app gives the mapped future up (cancel, timeout), the call is given up too, so
     * that it no longer waits for an answer.
     */
    static <T> CompletableFuture<T> decoded(CompletableFuture<ClientMessage> call, Function<ClientMessage, T> decoder) {
        CompletableFuture<T> result = call.thenApply(decoder);
        result.whenComplete((value, error) -> call.cancel(false));
        return result;
    }

    @Override
    public void onMessage(Consumer<ClientMessage> listener) {
        listeners.add(listener);
    }

    private String encode(Object message) {
        if (message == null) {
            throw new IllegalArgumentException("Cannot send null to service '" + name + "'");
        }
        return json ? DefaultRtsClient.JSON.encode(message) : message.toString();
    }

    /** A message for this service arrived: text ({@code binary} null) or binary. */
    void received(long callbackId, String payload, ByteBuffer binary) {
        DefaultClientMessage message = new DefaultClientMessage(name, payload, binary);
        CompletableFuture<ClientMessage> waiting = callbackId == FrameCodec.NO_CALLBACK ? null
                : pending.remove(callbackId);
        if (waiting != null) {
            waiting.complete(message);
            return;
        }
        client.pushed(message);
        for (Consumer<ClientMessage> listener : listeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                DefaultRtsClient.LOG.warn("Listener of service '{}' failed", name, e);
            }
        }
    }

    /** Fails one pending call with the server's error; returns false if no such call is pending. */
    boolean failed(long callbackId, String message) {
        CompletableFuture<ClientMessage> waiting = pending.remove(callbackId);
        if (waiting == null) {
            return false;
        }
        waiting.completeExceptionally(new RtsErrorException(message));
        return true;
    }

    /** How many calls wait for an answer, for tests. */
    int pendingCount() {
        return pending.size();
    }

    void failAll(String message) {
        for (Long callbackId : List.copyOf(pending.keySet())) {
            failed(callbackId, message);
        }
    }
}
