package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the core does with transports that cannot authenticate, and with refreshes on servers that do not. */
@Timeout(30)
class AuthenticatorTransportTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aSocketOpenedWithoutAuthenticationIsClosedOnAServerWithAnAuthenticator() {
        fixture.start(fixture.builder().authenticator(request -> CompletableFuture.completedFuture(
                Admission.anonymous())));
        FakeConnection connection = fixture.open();
        assertThat(connection.closeCode()).isEqualTo(1008);
        assertThat(connection.closeReason()).isEqualTo("This transport cannot authenticate");
        assertThat(fixture.server().connections().count()).isZero();
    }

    @Test
    void refreshOnAServerWithoutAnAuthenticatorIsExplained() {
        fixture.start(fixture.builder());
        FakeConnection connection = fixture.connected();
        connection.receive("0|9|{\"c\":\"refresh\",\"token\":\"t\"}");
        assertThat(connection.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"This server does not "
                + "authenticate sockets; there are no credentials to refresh\",\"service\":\"_system\",\"serviceId\":0,"
                + "\"callbackId\":9}");
    }
}
