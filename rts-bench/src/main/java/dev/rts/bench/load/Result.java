package dev.rts.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scenario run against one peer: named figures in insertion order ({@code rate}, {@code p99 ms}, ...), plus the
 * machine load when it ran.
 *
 * @param scenario the scenario name
 * @param peer     the peer name
 * @param figures  figure name to value
 * @param note     anything the reader must know (connections dropped, errors), or empty
 */
public record Result(String scenario, String peer, Map<String, Double> figures, String note) {

    static Builder of(String scenario, Peer peer) {
        return new Builder(scenario, peer.name());
    }

    /** Collects figures. */
    static final class Builder {
        private final String scenario;
        private final String peer;
        private final Map<String, Double> figures = new LinkedHashMap<>();
        private String note = "";

        Builder(String scenario, String peer) {
            this.scenario = scenario;
            this.peer = peer;
        }

        Builder put(String name, double value) {
            figures.put(name, value);
            return this;
        }

        Builder note(String text) {
            note = note.isEmpty() ? text : note + "; " + text;
            return this;
        }

        Result build() {
            return new Result(scenario, peer, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures)),
                    note);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(scenario).append(' ').append(peer).append(':');
        figures.forEach((name, value) -> text.append(' ').append(name).append('=').append(Report.format(value)));
        if (!note.isEmpty()) {
            text.append(" (").append(note).append(')');
        }
        return text.toString();
    }
}
