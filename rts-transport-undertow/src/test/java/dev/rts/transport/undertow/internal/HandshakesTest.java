package dev.rts.transport.undertow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.core.Admission;
import dev.rts.core.spi.TrustedProxies;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.websockets.spi.AsyncWebSocketHttpServerExchange;
import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandshakesTest {

    @Test
    void anUpgradedSocketTakesItsAdmissionAndLetsGoOfTheRequestUndertowKeeps() {
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setSourceAddress(new InetSocketAddress("127.0.0.1", 50000));
        exchange.getRequestHeaders().put(Headers.HOST, "127.0.0.1:3001");
        exchange.getRequestHeaders().put(Headers.USER_AGENT, "x".repeat(200));
        exchange.addQueryParam("token", "abc");
        exchange.getResponseHeaders().put(Headers.UPGRADE, "websocket");
        Admission.Admitted admitted = (Admission.Admitted) Admission.anonymous();

        Handshakes.admit(exchange, admitted, TrustedProxies.NONE);
        Handshakes.Upgrade taken = Handshakes.upgraded(new AsyncWebSocketHttpServerExchange(exchange, Set.of()));

        assertThat(taken.admission()).isSameAs(admitted);
        assertThat(exchange.getRequestHeaders().size()).isZero();
        assertThat(exchange.getResponseHeaders().size()).isZero();
        assertThat(exchange.getQueryParameters()).isEmpty();
        assertThat(exchange.getAttachment(Handshakes.UPGRADE)).isNull();
    }
}
