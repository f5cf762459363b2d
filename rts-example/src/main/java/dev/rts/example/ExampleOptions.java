package dev.rts.example;

import java.util.Objects;

/**
 * What the example is started with.
 *
 * @param host       the interface to bind, such as {@code 0.0.0.0} (all) or {@code 127.0.0.1}
 * @param port       0 to 65535; 0 picks a free port
 * @param production whether the server runs in production mode (no stack traces in error frames, no dev tools)
 */
public record ExampleOptions(String host, int port, boolean production) {

    /** The port used when none is given. */
    public static final int DEFAULT_PORT = 3001;

    /** What {@code --help} prints, and what follows a command-line error. */
    public static final String USAGE = "Usage: java -jar rts-example.jar [--port N] [--production]\n"
            + "  --port N       the HTTP and WebSocket port, 0 to 65535 (default " + DEFAULT_PORT + "; 0 picks a free "
            + "one)\n"
            + "  --production   production mode: no stack traces in error frames, development services off\n"
            + "  --help         print this help";

    /**
     * Checks the values.
     *
     * @throws NullPointerException     if the host is {@code null}
     * @throws IllegalArgumentException if the host is blank or the port is out of range
     */
    public ExampleOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
    }

    /**
     * The defaults: all interfaces, port {@value #DEFAULT_PORT}, development mode.
     *
     * @return the defaults
     */
    public static ExampleOptions defaults() {
        return new ExampleOptions("0.0.0.0", DEFAULT_PORT, false);
    }

    /**
     * Reads command-line arguments: {@code --port N} (or {@code --port=N}) and {@code --production}.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException for an unknown argument, a missing port value or a bad port, naming it
     */
    public static ExampleOptions parse(String... args) {
        ExampleOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--production")) {
                options = new ExampleOptions(options.host, options.port, true);
            } else if (arg.equals("--port") || arg.startsWith("--port=")) {
                String value;
                if (arg.equals("--port")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--port needs a value, such as --port 3001");
                    }
                    value = args[++i];
                } else {
                    value = arg.substring("--port=".length());
                }
                options = new ExampleOptions(options.host, port(value), options.production);
            } else {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'; expected --port N or "
                        + "--production");
            }
        }
        return options;
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
