/**
 * The JVM client for RTS servers.
 */
module dev.rts.client {
    requires transitive dev.rts.api;
    requires dev.rts.protocol;
    requires dev.rts.json;
    requires java.net.http;

    exports dev.rts.client;
    // The testkit wraps the WebSocket transport to record raw frames and send malformed ones.
    exports dev.rts.client.internal to dev.rts.testkit;
}
