package dev.rts.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison: every scenario against every peer, alternating peers (A B C A B C), a fresh server process per
 * run, then medians and ratios written into docs/BENCHMARKS.md between its result markers.
 *
 * <p>Arguments: {@code [--rounds N] [--out FILE] [--peers rts,undertow,socketio] [--scenarios rpc,blast,paced,idle]
 * [--smoke] [--bench-dir DIR]}.
 */
public final class Compare {

    /** Scenario names in run order: paced uses the blast's peak rate. */
    static final List<String> SCENARIOS = List.of("rpc", "blast", "paced", "idle");

    private Compare() {
    }

    /**
     * Runs the comparison.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Settings settings = options.containsKey("smoke") ? Settings.smoke() : Settings.standard();
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        Path benchDir = Path.of(options.getOrDefault("bench-dir", "rts-bench"));
        List<String> peerNames = List.of(options.getOrDefault("peers", "rts,undertow,socketio").split(","));
        List<Peer> peers = Peer.all().stream().filter(p -> peerNames.contains(p.name())).toList();
        List<String> scenarios = List.of(options.getOrDefault("scenarios", String.join(",", SCENARIOS)).split(","));
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("Unknown scenario '" + scenario + "'; the scenarios are "
                        + String.join(",", SCENARIOS));
            }
        }
        for (String peer : peerNames) {
            if (Peer.all().stream().noneMatch(p -> p.name().equals(peer))) {
                throw new IllegalArgumentException("Unknown peer '" + peer + "'; the peers are rts,undertow,socketio");
            }
        }
        Instant started = Instant.now();
        List<Result> results = run(peers, scenarios, settings, rounds, benchDir, benchDir.resolve("target/logs"));
        Duration took = Duration.between(started, Instant.now());
        String out = options.get("out");
        if (out != null) {
            Report.write(Path.of(out), results, peers, settings, rounds, took, String.join(" ", args));
            System.out.println("Wrote " + out);
        }
    }

    /** Runs every scenario, round and peer; prints each result as it comes. */
    static List<Result> run(List<Peer> peers, List<String> scenarios, Settings settings, int rounds, Path benchDir,
                            Path logs) throws Exception {
        List<Result> results = new ArrayList<>();
        Map<String, Double> pacedRates = new HashMap<>();
        for (String scenario : SCENARIOS) {
            if (!scenarios.contains(scenario)) {
                continue;
            }
            for (int round = 1; round <= rounds; round++) {
                for (Peer peer : peers) {
                    Path log = logs.resolve(scenario + "-" + peer.name() + "-" + round + ".log");
                    try (Servers.Running server = Servers.Running.start(peer.command(benchDir), log)) {
                        Result result = switch (scenario) {
                            case "rpc" -> Scenarios.rpc(peer, server, settings);
                            case "blast" -> Scenarios.blast(peer, server, settings);
                            case "paced" -> Scenarios.paced(peer, server, settings,
                                    pacedRates.getOrDefault(peer.name(), (double) Math.max(1, settings.pacedRate())));
                            case "idle" -> Scenarios.idle(peer, server, settings);
                            default -> throw new IllegalArgumentException("Unknown scenario '" + scenario
                                    + "'; known: " + SCENARIOS);
                        };
                        result = withLoad(result);
                        results.add(result);
                        System.out.println(result);
                    }
                }
            }
            if (scenario.equals("blast") && settings.pacedRate() == 0) {
                for (Peer peer : peers) {
                    double peak = median(results, "fanout-blast", peer.name(), "deliveries/s");
                    pacedRates.put(peer.name(), Math.max(1, Math.floor(peak / settings.fanSubscribers() / 2)));
                }
            }
        }
        return results;
    }

    /** Adds the machine's 1-minute load average at the end of the run. */
    private static Result withLoad(Result result) throws IOException {
        double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        Map<String, Double> figures = new LinkedHashMap<>(result.figures());
        figures.put("load", load);
        return new Result(result.scenario(), result.peer(), figures, result.note());
    }

    static double median(List<Result> results, String scenario, String peer, String figure) {
        double[] values = results.stream().filter(r -> r.scenario().equals(scenario) && r.peer().equals(peer))
                .map(r -> r.figures().get(figure)).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected an option such as --rounds 2 but got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (name.equals("smoke")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("Option --" + name + " needs a value");
            }
        }
        return options;
    }
}
