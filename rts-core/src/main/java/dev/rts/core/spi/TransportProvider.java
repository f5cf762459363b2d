package dev.rts.core.spi;

/**
 * Creates a transport from settings; found with {@link java.util.ServiceLoader} when the app does not give a
 * transport explicitly. The no-arg constructor must do no work.
 */
public interface TransportProvider {

    /**
     * The transport name, such as {@code "undertow"}.
     *
     * @return the name
     */
    String name();

    /**
     * Creates an unstarted transport.
     *
     * @param settings the app's settings
     * @return the transport
     */
    Transport create(TransportSettings settings);
}
