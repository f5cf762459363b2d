package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Api;

/**
 * Starts a server on a {@link FakeTransport} with discovery off, and stops it after the test, first checking that no
 * connection got a frame the test did not read.
 */
public final class ServerFixture implements AutoCloseable {

    private final FakeTransport transport = new FakeTransport();
    private RtsServer server;

    public ServerFixture() {
    }

    /** A builder with discovery off and the fake transport. */
    public RtsServerBuilder builder() {
        return RtsServer.builder().discoverServices(false).transport(transport);
    }

    /** Builds and starts the server. */
    public Api start(RtsServerBuilder builder) {
        server = builder.build();
        return server.start();
    }

    public RtsServer server() {
        return server;
    }

    public FakeTransport transport() {
        return transport;
    }

    /** Opens a connection from a loopback client. */
    public FakeConnection open() {
        return transport.open();
    }

    /** Opens a connection from this address. */
    public FakeConnection open(String clientIp) {
        return transport.open(clientIp);
    }

    /** Opens a connection and completes the handshake with a new session. */
    public FakeConnection connected() {
        FakeConnection connection = transport.open();
        connection.connect();
        return connection;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                for (FakeConnection connection : transport.connections()) {
                    assertThat(connection.unread()).as("frames sent to %s that the test did not read", connection)
                            .isEmpty();
                }
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }
}
