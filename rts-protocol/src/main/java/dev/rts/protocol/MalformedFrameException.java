package dev.rts.protocol;

/**
 * A frame that does not follow the protocol. The message says what was expected and what was found, and is safe to
 * send back to the peer.
 */
public final class MalformedFrameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int serviceId;

    MalformedFrameException(String message, int serviceId) {
        super(message);
        this.serviceId = serviceId;
    }

    /**
     * The service id, when the frame got that far.
     *
     * @return the service id, or {@code -1} if it could not be read
     */
    public int serviceId() {
        return serviceId;
    }
}
