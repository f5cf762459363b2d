package dev.rts.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options an app mounts a service with ({@code RtsServerBuilder.service(name, service, options)} or
 * {@code configure(name, options)}). Immutable. Typed getters check the type and say what they found.
 *
 * <p>This string-keyed map is for third-party services that want configuration without a builder of their own. The
 * first-party services are configured with typed builders instead ({@code Rpc.builder()}, {@code PubSub.builder()},
 * {@code Presence.builder()}, {@code LiveReload.builder()}) and refuse a non-empty options map, so that each of them
 * has one way to be configured. A third-party service with several settings is better served the same way: a builder
 * that checks each setting when set and builds the service (docs/SERVICE-AUTHORS.md).
 */
public final class ServiceOptions {

    private static final ServiceOptions EMPTY = new ServiceOptions(Map.of());

    private final Map<String, Object> values;

    private ServiceOptions(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * No options.
     *
     * @return the empty options
     */
    public static ServiceOptions empty() {
        return EMPTY;
    }

    /**
     * Options from a map; its entries are copied.
     *
     * @param values keys and non-null values
     * @return the options
     * @throws NullPointerException if a key or value is {@code null}
     */
    public static ServiceOptions of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "option key"),
                Objects.requireNonNull(v, () -> "value of option '" + k + "'")));
        return new ServiceOptions(java.util.Collections.unmodifiableMap(copy));
    }

    /**
     * All options.
     *
     * @return an unmodifiable map in insertion order
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Refuses any option, for a service configured by a typed builder of its own (as every first-party service is):
     * call it first in {@link Service#start(ServiceContext)}, so that the service has one way to be configured.
     *
     * <pre>{@code
     * context.options().requireNone("Score", "Score.builder().maxAmount(...).build()");
     * }</pre>
     *
     * @param service the service as the message names it, such as {@code "Presence"}
     * @param builder how to configure it instead, such as {@code "Presence.builder().gracePeriod(...).build()"}
     * @throws IllegalArgumentException if there is an option: {@code Presence takes no options map but was given
     *                                  [size]; configure it with Presence.builder().gracePeriod(...).build() and mount
     *                                  that service}
     */
    public void requireNone(String service, String builder) {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException(service + " takes no options map but was given "
                    + values.keySet().stream().sorted().toList() + "; configure it with " + builder
                    + " and mount that service");
        }
    }

    /**
     * One option, untyped.
     *
     * @param key the key
     * @return the value, or empty
     */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * A string option.
     *
     * @param key      the key
     * @param fallback returned when the option is absent
     * @return the value
     * @throws IllegalArgumentException if the value is not a string
     */
    public String string(String key, String fallback) {
        return typed(key, String.class, fallback);
    }

    /**
     * A boolean option.
     *
     * @param key      the key
     * @param fallback returned when the option is absent
     * @return the value
     * @throws IllegalArgumentException if the value is not a boolean
     */
    public boolean bool(String key, boolean fallback) {
        return typed(key, Boolean.class, fallback);
    }

    /**
     * A whole-number option.
     *
     * @param key      the key
     * @param fallback returned when the option is absent
     * @return the value
     * @throws IllegalArgumentException if the value is not a whole number that fits a {@code long}
     */
    public long number(String key, long fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw mismatch(key, "a whole number", value);
    }

    /**
     * A duration option, given as a {@link Duration} or as a whole number of milliseconds.
     *
     * @param key      the key
     * @param fallback returned when the option is absent
     * @return the value
     * @throws IllegalArgumentException if the value is neither
     */
    public Duration duration(String key, Duration fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Duration d) {
            return d;
        }
        if (value instanceof Number) {
            return Duration.ofMillis(number(key, 0));
        }
        throw mismatch(key, "a Duration or milliseconds", value);
    }

    private <T> T typed(String key, Class<T> type, T fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!type.isInstance(value)) {
            throw mismatch(key, "a " + type.getSimpleName(), value);
        }
        return type.cast(value);
    }

    private static IllegalArgumentException mismatch(String key, String expected, Object found) {
        return new IllegalArgumentException("Option '" + key + "' must be " + expected + " but was "
                + found.getClass().getSimpleName() + " '" + found + "'");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceOptions other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceOptions" + values;
    }
}
