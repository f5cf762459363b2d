/**
 * The one JSON codec of RTS: strict, with errors in RTS's own words. Internal to RTS: the server, the JVM client and
 * the testkit share it, so that all three read and write JSON the same way; services reach it through
 * {@link dev.rts.api.Json}. Gson stays inside this module and the modules named here.
 */
module dev.rts.json {
    requires transitive dev.rts.api;
    requires com.google.gson;

    exports dev.rts.json.internal to dev.rts.core, dev.rts.client, dev.rts.testkit;
}
