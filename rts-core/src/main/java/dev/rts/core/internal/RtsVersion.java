package dev.rts.core.internal;

/**
 * The server version sent in the handshake.
 */
final class RtsVersion {

    static final String VERSION = "0.1.0";

    private RtsVersion() {
    }
}
