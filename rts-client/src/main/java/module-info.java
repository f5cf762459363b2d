/**
 * The JVM client for RTS servers.
 */
module dev.rts.client {
    requires transitive dev.rts.api;
    requires dev.rts.protocol;
    requires dev.rts.json;
    requires java.net.http;

    exports dev.rts.client;
}
