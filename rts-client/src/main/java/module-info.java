/**
 * The JVM client for RTS servers.
 */
module dev.rts.client {
    requires transitive dev.rts.api;
    requires dev.rts.protocol;
    requires com.google.gson;
    requires java.net.http;

    exports dev.rts.client;
}
