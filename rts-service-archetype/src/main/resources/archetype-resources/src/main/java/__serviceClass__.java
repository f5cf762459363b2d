package ${package};

import ${package}.internal.${serviceClass}Service;
import dev.rts.api.Service;

/**
 * The server-side API of the {@code ${serviceName}} service, a count that browsers and server code add to; every
 * browser is told each new value. The server publishes it once started:
 * {@code api.get("${serviceName}", ${serviceClass}.class)}.
 *
 * <p>Adding the jar to an app is enough: the server finds the service with {@link java.util.ServiceLoader} and
 * mounts it as {@code "${serviceName}"} with the defaults. To configure it, mount what {@link #builder()} builds; the
 * server then skips the discovered instance.
 *
 * <p>Every method is thread-safe and never blocks.
 */
public interface ${serviceClass} {

    /**
     * A new, unstarted service with the defaults, for apps that mount services by hand.
     *
     * @return a service to pass to the server builder
     */
    static Service service() {
        return builder().build();
    }

    /**
     * A builder for a service with other settings than the defaults.
     *
     * <pre>{@code
     * RtsServer.builder().service(${serviceClass}.builder().maxAmount(10).build())
     * }</pre>
     *
     * @return a new builder with the defaults
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * The current value.
     *
     * @return the value
     */
    long value();

    /**
     * Adds to the value and tells every connected browser the new value.
     *
     * @param amount any amount; server code is not bound by {@link Builder#maxAmount(long)}
     * @return the new value
     */
    long add(long amount);

    /**
     * Settings of the service, each checked when set. Not thread-safe; {@link #build()} may be called several times,
     * each time making a new service (one instance serves one server).
     */
    final class Builder {
        private long initialValue;
        private long maxAmount = 1;

        private Builder() {
        }

        /**
         * The value at start (default 0).
         *
         * @param value any value
         * @return this builder
         */
        public Builder initialValue(long value) {
            this.initialValue = value;
            return this;
        }

        /**
         * The largest amount one browser message may add (default 1).
         *
         * @param max 1 to 1,000,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxAmount(long max) {
            if (max < 1 || max > 1_000_000) {
                throw new IllegalArgumentException("${serviceClass} maxAmount must be 1 to 1000000 but was " + max);
            }
            this.maxAmount = max;
            return this;
        }

        /**
         * Makes a new, unstarted service with these settings.
         *
         * @return a service to pass to the server builder
         */
        public Service build() {
            return new ${serviceClass}Service(initialValue, maxAmount);
        }
    }
}
