package dev.rts.api;

import java.util.Objects;

/**
 * A JavaScript library that a service's browser half needs, added to the client bundle once.
 *
 * @param name   a unique name, such as {@code "morphdom"}; two services asking for the same name share one copy
 * @param source the script text, evaluated as a classic script
 */
public record ClientAsset(String name, String source) {

    /**
     * Checks both parts.
     *
     * @throws NullPointerException     if either part is {@code null}
     * @throws IllegalArgumentException if the name is blank
     */
    public ClientAsset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Client asset name must not be blank");
        }
    }
}
