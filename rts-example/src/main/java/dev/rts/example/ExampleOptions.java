package dev.rts.example;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the example is started with.
 *
 * @param host       the interface to bind, such as {@code 0.0.0.0} (all) or {@code 127.0.0.1}
 * @param port       0 to 65535; 0 picks a free port
 * @param production whether the server runs in production mode (no stack traces in error frames, no dev tools)
 * @param clientDir  the folder to serve the page from (and, in development, to watch for live reload), absolute; or
 *                   {@code null} for the example's own {@code client/} folder
 * @param redisUrl   the Redis that several example servers share (the cluster bus and sessions), such as
 *                   {@code redis://127.0.0.1:6379}; or {@code null} to run alone (unless {@code RTS_REDIS_URL} is set)
 * @param origins    web origins whose pages may connect; empty for loopback pages on this port (development only)
 */
public record ExampleOptions(String host, int port, boolean production, Path clientDir, String redisUrl,
                             List<String> origins) {

    /** The port used when none is given. */
    public static final int DEFAULT_PORT = 3001;

    /** What {@code --help} prints, and what follows a command-line error. */
    public static final String USAGE = "Usage: java -jar rts-example.jar [--host H] [--port N] [--production]\n"
            + "                                [--origin URL]... [--client-dir DIR] [--redis URL]\n"
            + "  --host H          the interface to listen on (default 127.0.0.1, this machine only;\n"
            + "                    0.0.0.0 for every interface)\n"
            + "  --port N          the HTTP and WebSocket port, 0 to 65535 (default " + DEFAULT_PORT + ";\n"
            + "                    0 picks a free one)\n"
            + "  --production      production mode: no stack traces in error frames, development\n"
            + "                    services such as live reload off; needs --origin\n"
            + "  --origin URL      a web origin whose pages may connect, such as https://chat.example.com\n"
            + "                    (repeatable; default: loopback pages on this port, development only)\n"
            + "  --client-dir DIR  serve the page from DIR instead of the example's own client/ folder;\n"
            + "                    in development, edits in DIR reload the page\n"
            + "  --redis URL       share the chat and the sessions with every example server on the\n"
            + "                    same Redis, such as --redis redis://127.0.0.1:6379\n"
            + "  --help            print this help";

    /**
     * The example's own page: the options without a client folder.
     *
     * @param host       the interface to bind
     * @param port       0 to 65535
     * @param production whether the server runs in production mode
     * @throws NullPointerException     if the host is {@code null}
     * @throws IllegalArgumentException if the host is blank or the port is out of range
     */
    public ExampleOptions(String host, int port, boolean production) {
        this(host, port, production, null, null, List.of());
    }

    /**
     * Options without Redis.
     *
     * @param host       the interface to bind
     * @param port       0 to 65535
     * @param production whether the server runs in production mode
     * @param clientDir  the folder to serve the page from, absolute, or {@code null}
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ExampleOptions(String host, int port, boolean production, Path clientDir) {
        this(host, port, production, clientDir, null, List.of());
    }

    /**
     * Options without Redis, with allowed origins.
     *
     * @param host       the interface to bind
     * @param port       0 to 65535
     * @param production whether the server runs in production mode
     * @param clientDir  the folder to serve the page from, absolute, or {@code null}
     * @param origins    web origins whose pages may connect
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ExampleOptions(String host, int port, boolean production, Path clientDir, List<String> origins) {
        this(host, port, production, clientDir, null, origins);
    }

    /**
     * Options with Redis, without allowed origins.
     *
     * @param host       the interface to bind
     * @param port       0 to 65535
     * @param production whether the server runs in production mode
     * @param clientDir  the folder to serve the page from, absolute, or {@code null}
     * @param redisUrl   the Redis to share, or {@code null}
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ExampleOptions(String host, int port, boolean production, Path clientDir, String redisUrl) {
        this(host, port, production, clientDir, redisUrl, List.of());
    }

    /**
     * Checks the values.
     *
     * @throws NullPointerException     if the host is {@code null}
     * @throws IllegalArgumentException if the host is blank, the port is out of range or the client folder is relative
     */
    public ExampleOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
        if (clientDir != null && !clientDir.isAbsolute()) {
            throw new IllegalArgumentException("clientDir must be an absolute path but was '" + clientDir + "'");
        }
        origins = List.copyOf(origins);
    }

    /**
     * The defaults: this machine only (127.0.0.1), loopback origins, port {@value #DEFAULT_PORT}, development mode, the example's own page.
     *
     * @return the defaults
     */
    public static ExampleOptions defaults() {
        return new ExampleOptions("127.0.0.1", DEFAULT_PORT, false, null, null, List.of());
    }

    /**
     * Reads command-line arguments: {@code --port N} (or {@code --port=N}), {@code --production},
     * {@code --client-dir DIR} (or {@code --client-dir=DIR}; relative to the working directory) and
     * {@code --redis URL} (or {@code --redis=URL}; checked when the app starts).
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException for an unknown argument, a missing value, a bad port or a client folder that is
     *                                  not a directory, naming it
     */
    public static ExampleOptions parse(String... args) {
        ExampleOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--production")) {
                options = new ExampleOptions(options.host, options.port, true, options.clientDir, options.redisUrl,
                        options.origins);
            } else if (arg.equals("--port") || arg.startsWith("--port=")) {
                String value = arg.equals("--port") ? next(args, ++i, "--port", "--port 3001")
                        : arg.substring("--port=".length());
                options = new ExampleOptions(options.host, port(value), options.production, options.clientDir,
                        options.redisUrl, options.origins);
            } else if (arg.equals("--client-dir") || arg.startsWith("--client-dir=")) {
                String value = arg.equals("--client-dir") ? next(args, ++i, "--client-dir", "--client-dir ./my-page")
                        : arg.substring("--client-dir=".length());
                options = new ExampleOptions(options.host, options.port, options.production, directory(value),
                        options.redisUrl, options.origins);
            } else if (arg.equals("--redis") || arg.startsWith("--redis=")) {
                String value = arg.equals("--redis") ? next(args, ++i, "--redis", "--redis redis://127.0.0.1:6379")
                        : arg.substring("--redis=".length());
                options = new ExampleOptions(options.host, options.port, options.production, options.clientDir,
                        value, options.origins);
            } else if (arg.equals("--host") || arg.startsWith("--host=")) {
                String value = arg.equals("--host") ? next(args, ++i, "--host", "--host 0.0.0.0")
                        : arg.substring("--host=".length());
                if (value.isBlank()) {
                    throw new IllegalArgumentException("--host needs a value, such as --host 0.0.0.0");
                }
                options = new ExampleOptions(value, options.port, options.production, options.clientDir,
                        options.redisUrl, options.origins);
            } else if (arg.equals("--origin") || arg.startsWith("--origin=")) {
                String value = arg.equals("--origin") ? next(args, ++i, "--origin", "--origin https://chat.example.com")
                        : arg.substring("--origin=".length());
                List<String> origins = new ArrayList<>(options.origins);
                origins.add(value);
                options = new ExampleOptions(options.host, options.port, options.production, options.clientDir,
                        options.redisUrl, origins);
            } else {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'; expected --host H, --port N, "
                        + "--production, --origin URL, --client-dir DIR or --redis URL");
            }
        }
        return options;
    }

    private static String next(String[] args, int i, String option, String example) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value, such as " + example);
        }
        return args[i];
    }

    private static Path directory(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("--client-dir needs a value, such as --client-dir ./my-page");
        }
        Path dir;
        try {
            dir = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--client-dir '" + value + "' is not a valid path: " + e.getReason());
        }
        if (!Files.isDirectory(dir)) {
            String shown = dir.toString().equals(value) ? "'" + value + "'" : "'" + value + "' (" + dir + ")";
            throw new IllegalArgumentException("--client-dir must name a directory but " + shown + " "
                    + (Files.exists(dir) ? "is not a directory" : "does not exist"));
        }
        return dir;
    }

    private static int port(String value) {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535 but was '" + value + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535 but was '" + value + "'");
        }
        return port;
    }
}
