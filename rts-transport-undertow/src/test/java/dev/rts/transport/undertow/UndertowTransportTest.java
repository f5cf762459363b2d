package dev.rts.transport.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.ConnectionEvent;
import dev.rts.core.RtsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UndertowTransportTest {

    private static final Pattern SESSION = Pattern.compile("\"sessionId\":\"([^\"]+)\"");

    private final TestServices.Echo echo = new TestServices.Echo();
    private RtsServer server;
    private int port;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        server = RtsServer.builder()
                .discoverServices(false)
                .host("127.0.0.1")
                .port(0)
                .maxFrameSize(4096)
                .service(echo)
                .service(new TestServices.Shout())
                .service(new TestServices.Secret())
                .build();
        server.start();
        port = server.port();
    }

    @AfterEach
    void stop() {
        sockets.forEach(TestSocket::abort);
        server.stop();
    }

    private TestSocket open() {
        TestSocket socket = TestSocket.open(port);
        sockets.add(socket);
        return socket;
    }

    private TestSocket connected() {
        TestSocket socket = TestSocket.connected(port);
        sockets.add(socket);
        return socket;
    }

    private static String sessionIdOf(String reply) {
        Matcher m = SESSION.matcher(reply);
        assertThat(m.find()).as("session id in %s", reply).isTrue();
        return m.group(1);
    }

    @Test
    void connectGivesANewRandomSessionId() {
        TestSocket socket = open();
        socket.send("0|1|{\"c\":\"connect\",\"v\":\"0.1.0\",\"sessionId\":false}");
        String reply = socket.next();
        assertThat(reply).startsWith("0|1|{\"version\":\"0.1.0\",\"sessionId\":\"");
        assertThat(sessionIdOf(reply)).matches("[A-Za-z0-9_-]{32}");
    }

    @Test
    void reconnectWithSessionIdKeepsIt() {
        TestSocket first = open();
        first.send("0|1|{\"c\":\"connect\",\"v\":\"0.1.0\",\"sessionId\":false}");
        String id = sessionIdOf(first.next());
        first.close();
        first.awaitClose();

        TestSocket second = open();
        second.send("0|1|{\"c\":\"connect\",\"v\":\"0.1.0\",\"sessionId\":\"" + id + "\"}");
        assertThat(sessionIdOf(second.next())).isEqualTo(id);
    }

    @Test
    void unknownSessionIdGetsANewOne() {
        TestSocket socket = open();
        String forged = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        socket.send("0|1|{\"c\":\"connect\",\"v\":\"0.1.0\",\"sessionId\":\"" + forged + "\"}");
        assertThat(sessionIdOf(socket.next())).isNotEqualTo(forged);
    }

    @Test
    void discoverListsPublicServicesOnly() {
        TestSocket socket = connected();
        socket.send("0|2|{\"c\":\"discover\",\"p\":{}}");
        String reply = socket.next();
        assertThat(reply).startsWith("0|2|[")
                .contains("{\"params\":{\"id\":1,\"name\":\"echo\",\"options\":{},\"use\":{\"json\":true,"
                        + "\"callbacks\":true}},\"handler\":\"function (client) { return client; }\"}")
                .contains("\"name\":\"shout\"")
                .doesNotContain("secret")
                .doesNotContain("_system");
    }

    @Test
    void jsonCallbackEcho() {
        TestSocket socket = connected();
        socket.send("1|7|{\"a\":[1,2.5,\"x|y\"]}");
        assertThat(socket.next()).isEqualTo("1|7|{\"echo\":{\"a\":[1,2.5,\"x|y\"]}}");
    }

    @Test
    void rawStringServiceWithoutCallbacks() {
        TestSocket socket = connected();
        socket.send("2|hello|world");
        assertThat(socket.next()).isEqualTo("2|HELLO|WORLD");
    }

    @Test
    void broadcastReachesEveryClientOnce() throws InterruptedException {
        List<TestSocket> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(connected());
        }
        TestSocket notConnected = open();
        assertThat(echo.context.broadcast(Map.of("news", "hi"))).isEqualTo(5);
        for (TestSocket client : clients) {
            assertThat(client.next()).isEqualTo("1||{\"news\":\"hi\"}");
        }
        for (TestSocket client : clients) {
            client.assertNoFrame(Duration.ofMillis(100));
        }
        notConnected.assertNoFrame(Duration.ofMillis(50));
    }

    @Test
    void disconnectEventFires() throws InterruptedException {
        TestSocket socket = connected();
        ConnectionEvent connect = echo.connects.poll(5, TimeUnit.SECONDS);
        assertThat(connect).isNotNull();
        socket.close();
        ConnectionEvent disconnect = echo.disconnects.poll(5, TimeUnit.SECONDS);
        assertThat(disconnect).isNotNull();
        assertThat(disconnect.socketId()).isEqualTo(connect.socketId());
        assertThat(disconnect.sessionId()).isEqualTo(connect.sessionId());
        assertThat(disconnect.transport()).isEqualTo("undertow");
        assertThat(disconnect.clientIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void badInputGetsAnErrorFrameAndTheConnectionKeepsWorking() {
        TestSocket socket = connected();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("no bar at all", "{\"type\":\"error\",\"message\":\"Malformed frame: expected "
                + "'<serviceId>|<payload>' but found no '|' in 'no bar at all'\"}");
        cases.put("x|1|{}", "{\"type\":\"error\",\"message\":\"Malformed frame: expected a numeric service id but "
                + "found 'x'\"}");
        cases.put("42|1|{}", "{\"type\":\"error\",\"message\":\"Unknown service id 42; this server has ids 0 to 3 "
                + "(send {\\\"c\\\":\\\"discover\\\"} to service 0 to list them)\"}");
        cases.put("99999999999999999999|1|{}", "{\"type\":\"error\",\"message\":\"Malformed frame: service id "
                + "'99999999999999999999' is out of range\"}");
        cases.put("1|{\"a\":1}", "{\"type\":\"error\",\"message\":\"Malformed frame: service 1 uses callbacks, so "
                + "expected '1|<callbackId>|<payload>' (callbackId may be empty) but found no second '|' in "
                + "'1|{\\\"a\\\":1}'\",\"service\":\"echo\",\"serviceId\":1}");
        cases.put("1|abc|{}", "{\"type\":\"error\",\"message\":\"Malformed frame: expected a numeric callback id but "
                + "found 'abc'\",\"service\":\"echo\",\"serviceId\":1}");
        cases.put("1|5|", "{\"type\":\"error\",\"message\":\"Expected JSON but found an empty text\","
                + "\"service\":\"echo\",\"serviceId\":1,\"callbackId\":5}");
        cases.put("1|6|{not json", "{\"type\":\"error\",\"message\":\"Malformed JSON at line 1 column ");
        cases.put("1|8|\"fail\"", "{\"type\":\"error\",\"message\":\"Echo was told to fail\",\"service\":\"echo\","
                + "\"serviceId\":1,\"callbackId\":8");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            socket.send(c.getKey());
            // Loopback clients of a development server also get a stack trace; it is tested separately.
            String answer = socket.next().replaceAll(",\"stack\":\".*\"}$", "}");
            assertThat(answer).as("answer to %s", c.getKey()).startsWith("0||" + c.getValue());
        }
        socket.send("1|9|\"still here\"");
        assertThat(socket.next()).isEqualTo("1|9|{\"echo\":\"still here\"}");
    }

    @Test
    void loopbackClientsOfADevelopmentServerGetNoStackTrace() {
        TestSocket socket = connected();
        socket.send("1|8|\"fail\"");
        assertThat(socket.next()).contains("Echo was told to fail").doesNotContain("stack");
    }

    @Test
    void frameOverTheLimitClosesOnlyThatConnection() {
        TestSocket big = connected();
        TestSocket bystander = connected();
        big.send("1|1|\"" + "x".repeat(5000) + "\"");
        assertThat(big.awaitClose()).isEqualTo(1009);
        assertThat(big.awaitCloseReason()).isEqualTo("Message too big (limit 4096 bytes)");
        bystander.send("1|2|\"ok\"");
        assertThat(bystander.next()).isEqualTo("1|2|{\"echo\":\"ok\"}");
    }

    @Test
    void disallowedOriginIsRefusedBeforeUpgrade() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> TestSocket.open(port, Map.of("Origin", "http://evil.example"))))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        TestSocket sameHost = TestSocket.open(port, Map.of("Origin", "http://127.0.0.1:" + port));
        sockets.add(sameHost);
        sameHost.send("0|1|{\"c\":\"connect\",\"sessionId\":false}");
        assertThat(sameHost.next()).startsWith("0|1|{\"version\"");
    }

    @Test
    void slowHandlerDoesNotDelayAnotherConnection() {
        TestSocket slow = connected();
        TestSocket fast = connected();
        slow.send("1|1|\"sleep\"");
        long started = System.nanoTime();
        fast.send("1|1|\"quick\"");
        assertThat(fast.next()).isEqualTo("1|1|{\"echo\":\"quick\"}");
        // The fast reply must not have waited for the sleeping handler; the slow one arrives afterwards.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900));
        assertThat(slow.next()).isEqualTo("1|1|{\"echo\":\"sleep\"}");
    }

    @Test
    void messagesFromOneConnectionArriveInOrder() {
        TestSocket socket = connected();
        for (int i = 1; i <= 50; i++) {
            socket.send("1|" + i + "|" + i);
        }
        for (int i = 1; i <= 50; i++) {
            assertThat(socket.next()).isEqualTo("1|" + i + "|{\"echo\":" + i + "}");
        }
    }

    @Test
    void stopClosesSocketsWithGoingAway() {
        TestSocket socket = connected();
        server.stop();
        assertThat(socket.awaitClose()).isEqualTo(1001);
    }

    @Test
    void clientScriptIsServedWithGzipAndEtag() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/rts/client.js");
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("content-type")).hasValue("application/javascript; charset=utf-8");
        assertThat(plain.body()).contains("RTS.create(").contains("\"name\":\"echo\"").doesNotContain("secret");
        String etag = plain.headers().firstValue("etag").orElseThrow();

        HttpResponse<byte[]> gzip = http.send(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(gzip.body().length).isLessThan(plain.body().length());

        HttpResponse<String> cached = http.send(HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(server.clientScript()).isEqualTo(plain.body());
    }
}
