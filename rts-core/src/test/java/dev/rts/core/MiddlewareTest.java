package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Feature;
import dev.rts.api.Request;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MiddlewareTest {

    private final ServerFixture fixture = new ServerFixture();
    /** What the echo service's handler saw, in order. */
    private final Queue<String> handled = new ConcurrentLinkedQueue<>();
    private final FakeService echo = FakeService.named("echo").features(Feature.CALLBACKS)
            .handler((message, request, reply) -> {
                handled.add(message.text());
                reply.send(message.text());
            });

    @AfterEach
    void stop() {
        fixture.close();
    }

    private FakeConnection startWith(Middleware... middleware) {
        RtsServerBuilder builder = fixture.builder().service(echo);
        for (Middleware m : middleware) {
            builder.middleware(m);
        }
        fixture.start(builder);
        return fixture.open();
    }

    @Test
    void middlewareRunsInTheOrderAddedAndCanTransformThePayload() {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        FakeConnection socket = startWith(
                (message, chain) -> {
                    seen.add("first " + message.payload());
                    chain.next(message.withPayload(message.payload() + "+a"));
                },
                (message, chain) -> {
                    seen.add("second " + message.payload());
                    chain.next(message.withPayload(message.payload() + "+b"));
                });

        socket.receive("1|4|x|y");

        assertThat(socket.nextSent()).isEqualTo("1|4|x|y+a+b");
        assertThat(seen).containsExactly("first x|y", "second x|y+a");
        assertThat(handled).containsExactly("x|y+a+b");
        socket.assertNoMoreSent();
    }

    /** A middleware's own view of a message, as a decorator that logs or measures would make. */
    record WrappedMessage(IncomingMessage inner, String payload) implements IncomingMessage {
        @Override
        public String service() {
            return inner.service();
        }

        @Override
        public int serviceId() {
            return inner.serviceId();
        }

        @Override
        public long callbackId() {
            return inner.callbackId();
        }

        @Override
        public Request request() {
            return inner.request();
        }

        @Override
        public boolean isBinary() {
            return false;
        }

        @Override
        public ByteBuffer bytes() {
            return ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public IncomingMessage withPayload(String newPayload) {
            return new WrappedMessage(inner, newPayload);
        }
    }

    @Test
    void middlewareMayPassOnItsOwnImplementationOfTheMessage() {
        FakeConnection socket = startWith(
                (message, chain) -> chain.next(new WrappedMessage(message, message.payload().toUpperCase())),
                (message, chain) -> chain.next(new WrappedMessage(message, message.payload() + "!")));

        socket.receive("1|4|hi");

        assertThat(socket.nextSent()).isEqualTo("1|4|HI!");
        assertThat(handled).containsExactly("HI!");
        socket.assertNoMoreSent();
    }

    @Test
    void incomingMessageDescribesTheMessageAndItsSender() {
        AtomicReference<IncomingMessage> captured = new AtomicReference<>();
        FakeConnection socket = startWith((message, chain) -> {
            captured.set(message);
            chain.next(message);
        });

        socket.receive("1|42|hello");

        assertThat(socket.nextSent()).isEqualTo("1|42|hello");
        IncomingMessage message = captured.get();
        assertThat(message.service()).isEqualTo("echo");
        assertThat(message.serviceId()).isEqualTo(1);
        assertThat(message.callbackId()).isEqualTo(42);
        assertThat(message.payload()).isEqualTo("hello");
        assertThat(message.request().socketId()).isEqualTo(socket.id());
        assertThat(message.request().clientIp()).isEqualTo("127.0.0.1");
        assertThat(message.request().transport()).isEqualTo("memory");
        assertThat(message.request().service()).isEqualTo("echo");
        assertThat(message.request().sessionId()).isEmpty();
        IncomingMessage copy = message.withPayload("other");
        assertThat(copy.payload()).isEqualTo("other");
        assertThat(copy.callbackId()).isEqualTo(42);
        assertThat(message.payload()).isEqualTo("hello");
        socket.assertNoMoreSent();
    }

    @Test
    void middlewareThatCallsNeitherNextNorRejectDropsTheMessage() {
        FakeConnection socket = startWith((message, chain) -> {
            if (!message.payload().equals("spam")) {
                chain.next(message);
            }
        });

        socket.receive("1|1|spam");
        socket.assertNoMoreSent();
        socket.receive("1|2|ham");

        assertThat(socket.nextSent()).isEqualTo("1|2|ham");
        assertThat(handled).containsExactly("ham");
        socket.assertNoMoreSent();
    }

    @Test
    void rejectSendsAnErrorFrameWithTheCallbackIdAndSkipsTheRest() {
        Queue<String> later = new ConcurrentLinkedQueue<>();
        FakeConnection socket = startWith(
                (message, chain) -> chain.reject("Not signed in: sign in before you chat"),
                (message, chain) -> later.add(message.payload()));

        socket.receive("1|7|hello");
        socket.receive("1||hello");

        String error = "0||{\"type\":\"error\",\"message\":\"Not signed in: sign in before you chat\","
                + "\"service\":\"echo\",\"serviceId\":1";
        assertThat(socket.nextSent()).isEqualTo(error + ",\"callbackId\":7}");
        assertThat(socket.nextSent()).isEqualTo(error + "}");
        assertThat(later).isEmpty();
        assertThat(handled).isEmpty();
        socket.assertNoMoreSent();
    }

    @Test
    void rejectWithoutMessageSaysRejected() {
        FakeConnection socket = startWith((message, chain) -> chain.reject(null));

        socket.receive("1|3|x");

        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"Rejected\",\"service\":\"echo\","
                + "\"serviceId\":1,\"callbackId\":3}");
        socket.assertNoMoreSent();
    }

    @Test
    void throwingMiddlewareRejectsWithItsMessageAndTheConnectionKeepsWorking() {
        FakeConnection socket = startWith((message, chain) -> {
            if (message.payload().equals("bad")) {
                throw new IllegalStateException("Middleware cannot parse 'bad'");
            }
            if (message.payload().equals("silent")) {
                throw new IllegalStateException();
            }
            chain.next(message);
        });

        socket.receive("1|5|bad");
        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"Middleware cannot parse 'bad'\","
                + "\"service\":\"echo\",\"serviceId\":1,\"callbackId\":5}");
        socket.receive("1|6|silent");
        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"IllegalStateException\","
                + "\"service\":\"echo\",\"serviceId\":1,\"callbackId\":6}");

        socket.receive("1|7|good");
        assertThat(socket.nextSent()).isEqualTo("1|7|good");
        assertThat(handled).containsExactly("good");
        socket.assertNoMoreSent();
    }

    @Test
    void continuingOneMessageTwiceDeliversItOnce() {
        FakeConnection socket = startWith((message, chain) -> {
            chain.next(message);
            chain.next(message);
            chain.reject("too late");
        });

        socket.receive("1|1|once");

        assertThat(socket.nextSent()).isEqualTo("1|1|once");
        assertThat(handled).containsExactly("once");
        socket.assertNoMoreSent();
    }

    @Test
    void middlewareSharesConnectionAttributesWithTheService() {
        fixture.start(fixture.builder()
                .middleware((message, chain) -> {
                    message.request().attributes().merge("count", 1L, (a, b) -> (Long) a + (Long) b);
                    chain.next(message);
                })
                .service(FakeService.named("count").features(Feature.CALLBACKS)
                        .handler((message, request, reply) -> reply.send(request.attributes().get("count")))));
        FakeConnection first = fixture.open();
        FakeConnection second = fixture.open();

        first.receive("1|1|x");
        first.receive("1|2|x");
        second.receive("1|1|x");

        assertThat(first.nextSent()).isEqualTo("1|1|1");
        assertThat(first.nextSent()).isEqualTo("1|2|2");
        assertThat(second.nextSent()).isEqualTo("1|1|1");
        first.assertNoMoreSent();
        second.assertNoMoreSent();
    }

    @Test
    void systemMessagesBypassMiddleware() {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        FakeConnection socket = startWith((message, chain) -> {
            seen.add(message.service());
            chain.reject("Nothing gets through");
        });

        String sessionId = socket.connect();

        assertThat(sessionId).isNotBlank();
        socket.assertNoMoreSent();
        assertThat(seen).isEmpty();
    }

    @Test
    void onDisconnectIsCalledWithTheClosedSocket() throws InterruptedException {
        LinkedBlockingQueue<String> disconnected = new LinkedBlockingQueue<>();
        FakeConnection socket = startWith(new Middleware() {
            @Override
            public void handle(IncomingMessage message, MiddlewareChain chain) {
                chain.next(message);
            }

            @Override
            public void onDisconnect(String socketId) {
                disconnected.add(socketId);
            }
        });
        FakeConnection handshaken = fixture.connected();

        socket.closeByClient();
        handshaken.closeByClient();

        assertThat(List.of(disconnected.poll(5, TimeUnit.SECONDS), disconnected.poll(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder(socket.id(), handshaken.id());
    }
}
