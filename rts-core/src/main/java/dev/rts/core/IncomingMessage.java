package dev.rts.core;

import dev.rts.api.Request;
import java.nio.ByteBuffer;

/**
 * A message on its way to a service, as middleware sees it. Immutable.
 */
public interface IncomingMessage {

    /**
     * The mount name of the target service.
     *
     * @return the service name
     */
    String service();

    /**
     * The wire id of the target service.
     *
     * @return the service id
     */
    int serviceId();

    /**
     * The callback id, or 0 when the sender expects no reply.
     *
     * @return the callback id
     */
    long callbackId();

    /**
     * The payload text of a text message.
     *
     * @return the payload
     * @throws IllegalStateException if the message is binary (see {@link #isBinary()})
     */
    String payload();

    /**
     * Whether the message came in a binary frame; only services with {@code Feature.BINARY} receive them.
     *
     * @return {@code true} for a binary message
     */
    boolean isBinary();

    /**
     * The payload bytes without copying them: the raw bytes of a binary message, the UTF-8 of a text one.
     *
     * @return a new read-only buffer, position 0, for each call
     */
    ByteBuffer bytes();

    /**
     * Who sent it.
     *
     * @return the request
     */
    Request request();

    /**
     * A copy with another payload, for middleware that transforms messages; the copy is a text message.
     *
     * @param payload the new payload
     * @return the copy
     */
    IncomingMessage withPayload(String payload);
}
