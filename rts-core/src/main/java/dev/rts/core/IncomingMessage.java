package dev.rts.core;

import dev.rts.api.Request;

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
     * The payload text.
     *
     * @return the payload
     */
    String payload();

    /**
     * Who sent it.
     *
     * @return the request
     */
    Request request();

    /**
     * A copy with another payload, for middleware that transforms messages.
     *
     * @param payload the new payload
     * @return the copy
     */
    IncomingMessage withPayload(String payload);
}
