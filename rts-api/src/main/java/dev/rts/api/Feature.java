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
    /**
     * The service receives and sends binary frames as well as text: {@link Message#isBinary()},
     * {@link Reply#sendBytes}, {@link ServiceContext#sendBytes}. Binary frames for services without it are refused
     * with an error frame.
     */
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
