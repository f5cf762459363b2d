package dev.rts.core;

import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.api.ServiceOptions;

/**
 * Services found through {@code META-INF/services/dev.rts.api.Service} in the test resources. Each publishes where and
 * how it was mounted as its API.
 */
public final class DiscoverableServices {

    /** What a discovered service was started with. */
    public record Mounted(Class<?> type, String name, int id, ServiceOptions options) {
    }

    private DiscoverableServices() {
    }

    abstract static class Recording implements Service {
        @Override
        public Object start(ServiceContext context) {
            return new Mounted(getClass(), context.name(), context.id(), context.options());
        }
    }

    /** Listed in the test resources; named "alpha". */
    public static final class Alpha extends Recording {
        /** ServiceLoader needs a public no-arg constructor. */
        public Alpha() {
        }

        @Override
        public String name() {
            return "alpha";
        }
    }

    /** Listed in the test resources; named "beta". */
    public static final class Beta extends Recording {
        /** ServiceLoader needs a public no-arg constructor. */
        public Beta() {
        }

        @Override
        public String name() {
            return "beta";
        }
    }

    /** Listed only under extra-providers/bad-name; its name is invalid. */
    public static final class BadName extends Recording {
        /** ServiceLoader needs a public no-arg constructor. */
        public BadName() {
        }

        @Override
        public String name() {
            return "bad name";
        }
    }
}
