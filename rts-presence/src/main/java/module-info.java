/**
 * Presence: who is in a topic, with metadata per connection, kept live in browsers and across server processes.
 */
module dev.rts.presence {
    requires dev.rts.api;

    exports dev.rts.presence;

    // The browser half is META-INF/rts/dev.rts.presence.internal.PresenceService.js: no package needs to be opened.

    provides dev.rts.api.Service with dev.rts.presence.internal.PresenceService;
}
