package dev.rts.rpc.internal;

import dev.rts.rpc.RpcMiddleware;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The registered methods and middleware. Reads are lock-free; registrations are atomic (all of a handler or none).
 */
final class MethodTable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*");
    private static final int MAX_LISTED = 20;
    /** How much of a caller's method name messages quote: the name is client input, up to a frame long. */
    private static final int MAX_QUOTED = 60;

    private final Map<String, Endpoint> methods = new ConcurrentSkipListMap<>();
    private final List<Scoped> middleware = new CopyOnWriteArrayList<>();
    /** Each registered method's middleware chain, worked out on its first call; cleared by {@link #use}. */
    private final Map<String, List<RpcMiddleware>> chains = new java.util.concurrent.ConcurrentHashMap<>();

    /** Middleware for every method whose name is the scope or starts with the scope and a dot. */
    private record Scoped(String scope, int depth, RpcMiddleware middleware) {
        boolean covers(String method) {
            return scope.isEmpty() || method.equals(scope) || method.startsWith(scope + ".");
        }
    }

    /**
     * Checks a namespace, method name or scope.
     *
     * @param what "Namespace", "Method name" or "Scope", for the message
     */
    static String checkName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not valid: use names such as 'demo' or "
                    + "'admin.users' (letters, digits, '_', '-' and '$', in segments separated by single dots)");
        }
        return name;
    }

    /** Adds endpoints, all or none. */
    synchronized void add(Map<String, Endpoint> endpoints) {
        for (Map.Entry<String, Endpoint> entry : endpoints.entrySet()) {
            Endpoint existing = methods.get(entry.getKey());
            if (existing != null) {
                throw new IllegalArgumentException("Method '" + entry.getKey() + "' is already registered ("
                        + existing.description() + "); each method name can be registered once");
            }
        }
        methods.putAll(endpoints);
    }

    void use(String scope, RpcMiddleware m) {
        int depth = scope.isEmpty() ? 0 : scope.split("\\.").length;
        middleware.add(new Scoped(scope, depth, Objects.requireNonNull(m, "middleware")));
        chains.clear();
    }

    Endpoint find(String method) {
        return methods.get(method);
    }

    List<String> names() {
        return List.copyOf(methods.keySet());
    }

    /** The middleware for a method: enclosing scopes first, then in the order added. */
    /** The middleware of a registered method, in order; cached per method, so a call costs one map lookup. */
    List<RpcMiddleware> middlewareFor(String method) {
        if (middleware.isEmpty()) {
            return List.of();
        }
        List<RpcMiddleware> chain = chains.get(method);
        if (chain == null) {
            int known = middleware.size();
            chain = scan(method);
            // Only registered names: a client must not fill the cache with names of its choosing. use() appends,
            // then clears: a chain worked out while middleware was added is not kept.
            if (methods.containsKey(method) && middleware.size() == known) {
                chains.put(method, chain);
            }
        }
        return chain;
    }

    /** How many chains are cached, for tests. */
    int cachedChains() {
        return chains.size();
    }

    private List<RpcMiddleware> scan(String method) {
        return middleware.stream().filter(s -> s.covers(method))
                .sorted(Comparator.comparingInt(Scoped::depth))
                .map(Scoped::middleware)
                .toList();
    }

    /** Explains that a method is unknown, with close matches or what the namespace has. */
    String unknown(String method) {
        List<String> known = names();
        String quoted = "Unknown method " + quote(method);
        if (known.isEmpty()) {
            return quoted + ": no rpc methods are registered; add some with api.get(\"rpc\", Rpc.class)"
                    + ".namespace(...)";
        }
        List<String> close = closeMatches(method, known);
        if (!close.isEmpty()) {
            return quoted + "; did you mean " + close.stream().map(n -> "'" + n + "'")
                    .collect(Collectors.joining(" or ")) + "?";
        }
        int dot = method.lastIndexOf('.');
        String namespace = dot < 0 ? "" : method.substring(0, dot);
        List<String> inNamespace = known.stream().filter(n -> n.startsWith(namespace + "."))
                .map(n -> n.substring(namespace.length() + 1)).toList();
        if (!namespace.isEmpty() && !inNamespace.isEmpty()) {
            return quoted + "; namespace '" + namespace + "' has " + list(inNamespace);
        }
        TreeSet<String> namespaces = known.stream().filter(n -> n.contains("."))
                .map(n -> n.substring(0, n.lastIndexOf('.'))).collect(Collectors.toCollection(TreeSet::new));
        return quoted + (namespace.isEmpty() ? "; methods are named 'namespace.method'" : ": there is no namespace "
                + quote(namespace)) + "; namespaces are " + list(List.copyOf(namespaces));
    }

    /** Quotes a name from a caller, cut short: {@code 'demo.square'} or {@code 'aaaa...' (60000 characters)}. */
    static String quote(String name) {
        return name.length() <= MAX_QUOTED ? "'" + name + "'"
                : "'" + name.substring(0, MAX_QUOTED) + "...' (" + name.length() + " characters)";
    }

    private static String list(List<String> names) {
        String shown = names.stream().limit(MAX_LISTED).collect(Collectors.joining(", "));
        return names.size() > MAX_LISTED ? shown + " and " + (names.size() - MAX_LISTED) + " more" : shown;
    }

    /**
     * Names within a small edit distance, closest first; failing that, the same method in other namespaces. At most
     * three.
     */
    private static List<String> closeMatches(String method, List<String> known) {
        String wanted = method.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, wanted.length() / 5));
        record Match(String name, int distance) {
        }
        // The distance is at least the difference in length: skip those names before paying length x length.
        List<String> close = known.stream()
                .filter(n -> Math.abs(n.length() - wanted.length()) <= allowed)
                .map(n -> new Match(n, distance(wanted, n.toLowerCase(Locale.ROOT))))
                .filter(m -> m.distance() <= allowed)
                .sorted(Comparator.comparingInt(Match::distance).thenComparing(Match::name))
                .limit(3)
                .map(Match::name)
                .toList();
        if (!close.isEmpty()) {
            return close;
        }
        String last = wanted.substring(wanted.lastIndexOf('.') + 1);
        return known.stream().filter(n -> n.toLowerCase(Locale.ROOT).endsWith("." + last)).limit(3).toList();
    }

    /** Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one edit each. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
