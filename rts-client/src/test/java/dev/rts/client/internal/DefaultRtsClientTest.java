package dev.rts.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.client.ClientMessage;
import dev.rts.client.ClientStatus;
import dev.rts.client.ClientTransport;
import dev.rts.client.RtsErrorException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a scripted server: no sockets, no threads besides the test's. */
@Timeout(30)
class DefaultRtsClientTest {

    private final FakeServer server = new FakeServer();
    private final DefaultRtsClient client = new DefaultRtsClient(server, null, false, Duration.ofMillis(10),
            Duration.ofMillis(10));

    @Test
    void aCallGivenUpByTheAppIsForgotten() throws Exception {
        CompletableFuture<Void> ready = client.connect();
        server.last().openAndHandshake();
        ready.get(5, TimeUnit.SECONDS);
        DefaultServiceHandle svc = (DefaultServiceHandle) client.service("svc");

        CompletableFuture<ClientMessage> timedOut = svc.call(Map.of("x", 1)).orTimeout(1, TimeUnit.MILLISECONDS);
        assertThatThrownBy(() -> timedOut.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        svc.call(Map.of("x", 2)).cancel(false);
        svc.call(Map.of("x", 3), Map.class).cancel(false);

        // A server that never answers must not make the client keep every call it gave up on until disconnect.
        assertThat(svc.pendingCount()).isZero();
        client.disconnect();
    }

    @Test
    void connectAfterAFailedFirstAttemptTriesAgain() throws Exception {
        CompletableFuture<Void> first = client.connect();
        server.last().listener.onClose(1006, "Connection refused");
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RtsErrorException.class)
                .hasMessage("Could not connect: Connection closed before a reply (code 1006, Connection refused)");

        // An app that waits for its server to come up calls connect() until it works.
        CompletableFuture<Void> second = client.connect();
        assertThat(server.pipes).hasSize(2);
        server.last().openAndHandshake();
        second.get(5, TimeUnit.SECONDS);
        assertThat(client.isReady()).isTrue();
        client.disconnect();
    }

    @Test
    void connectAfterADropWithoutReconnectsConnectsAgain() throws Exception {
        CompletableFuture<Void> first = client.connect();
        server.last().openAndHandshake();
        first.get(5, TimeUnit.SECONDS);
        server.last().listener.onClose(1001, "Server stopping");
        assertThat(client.isReady()).isFalse();

        CompletableFuture<Void> second = client.connect();
        assertThat(second).isNotDone();
        server.last().openAndHandshake();
        second.get(5, TimeUnit.SECONDS);
        assertThat(server.pipes).hasSize(2);
        client.disconnect();
    }

    @Test
    void aCallThatCannotBeEncodedThrowsAndLeavesNothingPending() throws Exception {
        CompletableFuture<Void> ready = client.connect();
        server.last().openAndHandshake();
        ready.get(5, TimeUnit.SECONDS);
        DefaultServiceHandle svc = (DefaultServiceHandle) client.service("svc");

        assertThatThrownBy(() -> svc.call(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot send null to service 'svc'");
        assertThat(svc.pendingCount()).isZero();
        client.disconnect();
    }

    @Test
    void aServiceGoneAfterAReconnectIsNotSentToUnderItsOldId() throws Exception {
        CompletableFuture<Void> first = client.connect();
        server.last().openAndHandshake();
        first.get(5, TimeUnit.SECONDS);
        DefaultServiceHandle svc = (DefaultServiceHandle) client.service("svc");
        server.last().listener.onClose(1001, "Server restarting");

        // The new server has no "svc", and id 1 now belongs to "rpc".
        CompletableFuture<Void> second = client.connect();
        server.last().openAndHandshake("[{\"params\":{\"id\":1,\"name\":\"rpc\","
                + "\"use\":{\"json\":true,\"callbacks\":true}}}]");
        second.get(5, TimeUnit.SECONDS);

        assertThat(svc.send(Map.of("x", 1))).isFalse();
        assertThatThrownBy(() -> svc.call(Map.of("x", 2)).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RtsErrorException.class)
                .hasMessage("The server no longer offers service 'svc'");
        assertThat(server.last().sent).isEmpty();
        assertThat(client.services()).containsExactly("rpc");
        client.disconnect();
    }

    @Test
    void framesHeldForDiscoveryDoNotOutliveTheirConnection() throws Exception {
        List<String> pushes = new CopyOnWriteArrayList<>();
        client.onMessage(message -> pushes.add(message.service() + " " + message.text()));
        CompletableFuture<Void> first = client.connect();
        FakeServer.Pipe dropped = server.last();
        dropped.listener.onOpen();
        dropped.nextSent();
        dropped.listener.onText("0|1|{\"sessionId\":\"s1\"}");
        // A push between the handshake and discovery is held until discovery names service 1; the socket drops first.
        dropped.listener.onText("1||{\"from\":\"the old server's svc\"}");
        dropped.listener.onClose(1001, "Server restarting");
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);

        // The server that answers next has "rpc" at id 1: the old connection's frame is not its to get.
        CompletableFuture<Void> second = client.connect();
        server.last().openAndHandshake("[{\"params\":{\"id\":1,\"name\":\"rpc\","
                + "\"use\":{\"json\":true,\"callbacks\":true}}}]");
        second.get(5, TimeUnit.SECONDS);
        server.last().listener.onText("1||{\"from\":\"rpc\"}");

        assertThat(pushes).containsExactly("rpc {\"from\":\"rpc\"}");
        client.disconnect();
    }

    @Test
    void statusListenersDoNotRunUnderTheClientsLock() throws Exception {
        server.openAtOnce = true;
        AtomicBoolean otherThreadDone = new AtomicBoolean();
        client.onStatus(status -> {
            if (status == ClientStatus.OPEN) {
                // The app hands work to another thread and waits for it, and that thread uses the client.
                Thread other = new Thread(client::disconnect, "other");
                other.start();
                try {
                    other.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                otherThreadDone.set(!other.isAlive());
            }
        });

        CompletableFuture<Void> ready = client.connect();

        assertThat(otherThreadDone).isTrue();
        assertThatThrownBy(() -> ready.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RtsErrorException.class);
    }

    @Test
    void aTransportThatThrowsOnOpenFailsTheAttemptAndAllowsAnother() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        DefaultRtsClient throwing = new DefaultRtsClient(() -> {
            attempts.incrementAndGet();
            return new ClientTransport() {
                @Override
                public void open(Listener listener) {
                    throw new IllegalArgumentException("URI has a fragment component");
                }

                @Override
                public boolean send(String frame) {
                    return false;
                }

                @Override
                public boolean sendBinary(java.nio.ByteBuffer frame) {
                    return false;
                }

                @Override
                public void close() {
                }
            };
        }, null, true, Duration.ofMillis(10), Duration.ofMillis(10));

        CompletableFuture<Void> first = throwing.connect();
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RtsErrorException.class)
                .hasMessage("Could not connect: Connection closed before a reply (code 1006, Cannot open: URI has a "
                        + "fragment component)");
        assertThatThrownBy(() -> throwing.connect().get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RtsErrorException.class);
        assertThat(attempts).hasValue(2);
        throwing.disconnect();
    }
}
