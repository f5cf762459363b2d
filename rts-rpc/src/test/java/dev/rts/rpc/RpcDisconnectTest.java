package dev.rts.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.testkit.TestClient;
import dev.rts.testkit.TestServer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RpcDisconnectTest {

    /** Mounted after rpc, so its disconnect listener runs after rpc's. */
    static final class DisconnectProbe implements Service {
        final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public Object start(ServiceContext context) {
            context.onDisconnect(event -> disconnects.add(event.socketId()));
            return null;
        }
    }

    private TestServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void callsOfAClosedConnectionEndWithIt() throws Exception {
        DisconnectProbe probe = new DisconnectProbe();
        server = TestServer.builder().service(Rpc.service()).service(probe).start();
        DemoActions demo = new DemoActions();
        server.api().get("rpc", Rpc.class).namespace("demo", demo);
        TestClient client = server.client();
        client.callAsync("rpc", RpcServerFixture.request("demo.silent"));
        client.callAsync("rpc", RpcServerFixture.request("demo.silent"));
        Responder first = demo.responders.poll(5, TimeUnit.SECONDS);
        Responder second = demo.responders.poll(5, TimeUnit.SECONDS);
        String socketId = client.socketId();

        client.disconnect();
        assertThat(probe.disconnects.poll(5, TimeUnit.SECONDS)).isEqualTo(socketId);

        // Nobody can get these answers any more: the calls ended with the connection, rather than holding their
        // timers and their place until the timeout, which a client could repeat by reconnecting.
        assertThat(first.respond("too late")).isFalse();
        assertThat(second.fail("too late")).isFalse();
        assertThat(RpcServerFixture.rpc(server.client(), "demo.square", 2).text()).isEqualTo("{\"p\":[4]}");
    }
}
