package dev.rts.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a service's browser half from its jar, at {@code META-INF/rts/<fully qualified class name>.js}, for example
 * {@code META-INF/rts/com.acme.counter.CounterService.js}. {@code META-INF} is not a Java package, so the resource is
 * readable on the module path without opening any package, and the class name keeps it apart from every other jar's
 * halves on the class path. {@link Service#clientCode()} uses this by default.
 *
 * <p>A service whose browser half must exist declares it by overriding {@link Service#clientCode()} with
 * {@code return Optional.of(BrowserHalf.read(getClass()));}: if the file is missing the server refuses to start and
 * says which file it looked for. Thread-safe; reads the resource on every call.
 */
public final class BrowserHalf {

    private static final String FOLDER = "META-INF/rts/";

    private BrowserHalf() {
    }

    /**
     * Where the browser half of a service class lives in its jar.
     *
     * @param serviceClass the service's class, not {@code null}
     * @return the resource name, such as {@code META-INF/rts/com.acme.counter.CounterService.js}
     */
    public static String resourceName(Class<?> serviceClass) {
        return FOLDER + serviceClass.getName() + ".js";
    }

    /**
     * Reads the browser half of a service class, which must exist.
     *
     * @param serviceClass the service's class, not {@code null}
     * @return the function expression {@code function (client) { ... }}, as written in the file
     * @throws IllegalStateException if the file is missing or cannot be read; the message names the file
     */
    public static String read(Class<?> serviceClass) {
        return find(serviceClass).orElseThrow(() -> new IllegalStateException(serviceClass.getName() + " declares a "
                + "browser half but " + resourceName(serviceClass) + " is not in its jar; put the browser half's "
                + "function (client) { ... } there (src/main/resources/" + resourceName(serviceClass) + ")"));
    }

    /**
     * Reads the browser half of a service class, if its jar has one.
     *
     * @param serviceClass the service's class, not {@code null}
     * @return the function expression, or empty if the jar has no such file
     * @throws IllegalStateException if the file exists but cannot be read
     */
    public static Optional<String> find(Class<?> serviceClass) {
        String resource = resourceName(serviceClass);
        try (InputStream in = serviceClass.getResourceAsStream("/" + resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot read the browser half " + resource + " of "
                    + serviceClass.getName() + ": " + e.getMessage(), e);
        }
    }
}
