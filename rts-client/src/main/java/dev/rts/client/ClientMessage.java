package dev.rts.client;

import java.lang.reflect.Type;

/**
 * A message a service sent to this client. Immutable.
 */
public interface ClientMessage {

    /**
     * The name of the service that sent it.
     *
     * @return the service name
     */
    String service();

    /**
     * The payload text as it came off the wire.
     *
     * @return the text
     */
    String text();

    /**
     * Decodes the payload as JSON.
     *
     * @param type the target type
     * @param <T>  the result type
     * @return the value
     * @throws IllegalArgumentException if the payload is not JSON of that type
     */
    <T> T decode(Class<T> type);

    /**
     * Decodes the payload as JSON into a generic type.
     *
     * @param type the target type
     * @param <T>  the result type
     * @return the value
     * @throws IllegalArgumentException if the payload is not JSON of that type
     */
    <T> T decode(Type type);
}
