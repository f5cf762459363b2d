package dev.rts.api;

import java.util.Optional;
import java.util.Set;

/**
 * The shared object holding every service's server-side API under its mount name, easy to pass around:
 * {@code api.get("pubsub", PubSub.class).all("news", "hello")}.
 */
public interface Api {

    /**
     * Gets a service's API.
     *
     * @param name the mount name
     * @param type the expected API type
     * @param <T>  the API type
     * @return the API
     * @throws IllegalArgumentException if no service with an API is mounted under that name, or its API is not of
     *                                  that type; the message names what is there
     */
    <T> T get(String name, Class<T> type);

    /**
     * Looks a service's API up.
     *
     * @param name the mount name
     * @return the API, or empty if none is mounted under that name
     */
    Optional<Object> find(String name);

    /**
     * The mount names that have an API.
     *
     * @return a snapshot in registration order
     */
    Set<String> names();
}
