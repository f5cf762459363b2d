/**
 * Pub/sub: events to every client, to channels, to signed-in users and to single tabs, encoded once per event and
 * fanned out through indexes; the server's cluster bus carries them between server processes.
 */
module dev.rts.pubsub {
    requires dev.rts.api;

    exports dev.rts.pubsub;

    // PubSubService reads its browser half (PubSubService.js) itself, from this module, so no package is opened.

    provides dev.rts.api.Service with dev.rts.pubsub.PubSubService;
}
