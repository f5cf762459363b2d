/**
 * Presence: who is in a topic, with metadata per connection, kept live in browsers and across server processes.
 */
module dev.rts.presence {
    requires dev.rts.api;

    exports dev.rts.presence;

    // PresenceService reads its browser half (PresenceService.js) itself, from this module, so no package is opened.

    provides dev.rts.api.Service with dev.rts.presence.PresenceService;
}
