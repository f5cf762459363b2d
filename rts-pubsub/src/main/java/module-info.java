/**
 * Pub/sub: events to every client, to channels, to signed-in users and to single tabs, encoded once per event and
 * fanned out through indexes; the server's cluster bus carries them between server processes.
 */
module dev.rts.pubsub {
    requires dev.rts.api;

    exports dev.rts.pubsub;

    // The browser half is META-INF/rts/dev.rts.pubsub.internal.PubSubService.js: not in a package, so nothing is opened.
    provides dev.rts.api.Service with dev.rts.pubsub.internal.PubSubService;
}
