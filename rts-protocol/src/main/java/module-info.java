/**
 * The RTS frame codec, shared by the server and the JVM client so that both speak exactly one protocol.
 */
module dev.rts.protocol {
    exports dev.rts.protocol;
}
