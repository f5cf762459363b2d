/**
 * The RTS testkit: a real server with in-memory (or real loopback) clients, and JUnit 5 support.
 */
module dev.rts.testkit {
    requires transitive dev.rts.core;
    requires transitive dev.rts.client;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires dev.rts.transport.undertow;
    requires dev.rts.json;

    exports dev.rts.testkit;
}
