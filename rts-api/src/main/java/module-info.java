/**
 * The Realtime Service contract. A service is a plain object implementing {@link dev.rts.api.Service}; the server
 * discovers it with {@link java.util.ServiceLoader}.
 */
module dev.rts.api {
    requires transitive org.slf4j;

    exports dev.rts.api;
}
