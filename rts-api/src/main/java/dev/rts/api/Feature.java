package dev.rts.api;

/**
 * What the server does for a service so that its author need not. Sent to clients as the {@code use} object of
 * the service's params.
 */
public enum Feature {
    /** Payloads are JSON: the server decodes inbound messages on demand and encodes outbound ones. */
    JSON("json"),
    /** Frames carry a callback id, so a reply reaches the callback that asked for it. */
    CALLBACKS("callbacks"),
    /** Requests carry the caller's {@link Session}, loaded once per connection. */
    SESSIONS("sessions"),
    /** The service accepts binary frames (reserved; the wire format for binary is not fixed yet). */
    BINARY("binary");

    private final String wireName;

    Feature(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The key used for this feature in the {@code use} object on the wire.
     *
     * @return a lower-case name such as {@code "json"}
     */
    public String wireName() {
        return wireName;
    }
}
