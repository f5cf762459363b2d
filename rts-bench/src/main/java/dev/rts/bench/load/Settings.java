package dev.rts.bench.load;

/**
 * The sizes of one comparison run. {@link #standard()} is what docs/BENCHMARKS.md reports; {@link #smoke()} only
 * proves the harness works (CI).
 *
 * @param rpcConnections   connections of the rpc scenario
 * @param rpcInFlight      requests each keeps unanswered
 * @param warmupSeconds    load before measuring starts
 * @param measureSeconds   how long rpc and paced fan-out are measured
 * @param fanSubscribers   subscribers of the fan-out scenarios (plus one publisher)
 * @param blastEvents      events published back to back in the blast
 * @param blastLimitSeconds how long a blast may take before the rest is counted as lost
 * @param pacedRate        events per second of the paced fan-out when no blast measured the peer's peak (0: use
 *                         half the blast's peak)
 * @param idleConnections  connections of the idle scenario
 */
public record Settings(int rpcConnections, int rpcInFlight, int warmupSeconds, int measureSeconds,
                       int fanSubscribers, int blastEvents, int blastLimitSeconds, int pacedRate,
                       int idleConnections) {

    /** The figures the docs report: about 10 minutes for three peers, two rounds, on 2 cores. */
    public static Settings standard() {
        return new Settings(50, 10, 3, 8, 500, 2000, 40, 0, 10_000);
    }

    /** Tiny counts: each scenario runs end to end in about a second. */
    public static Settings smoke() {
        return new Settings(4, 2, 0, 1, 5, 20, 20, 50, 50);
    }
}
