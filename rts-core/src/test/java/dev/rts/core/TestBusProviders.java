package dev.rts.core;

import dev.rts.api.ClusterBus;
import dev.rts.core.spi.ClusterBusProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Cluster bus providers listed only under {@code extra-providers/}: nodes of one shared in-process bus. */
public final class TestBusProviders {

    static final InProcessBus BUS = InProcessBus.create();
    static final List<ClusterBus> CREATED = new CopyOnWriteArrayList<>();

    private TestBusProviders() {
    }

    /** Creates nodes named {@code provided-<n>}. */
    public static final class First implements ClusterBusProvider {
        @Override
        public String name() {
            return "first";
        }

        @Override
        public ClusterBus create() {
            ClusterBus node = BUS.connect("provided-" + CREATED.size());
            CREATED.add(node);
            return node;
        }
    }

    /** A second provider, to show that two are refused. */
    public static final class Second implements ClusterBusProvider {
        @Override
        public String name() {
            return "second";
        }

        @Override
        public ClusterBus create() {
            throw new AssertionError("never created");
        }
    }
}
