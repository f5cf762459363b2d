package dev.rts.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the servers under test, each in a fresh process, and reads its CPU time and resident memory from
 * {@code /proc}.
 */
public final class Servers {

    /** JVM flags for both JVM servers; {@code BENCH_SERVER_JVM_ARGS} adds more (a JFR recording, say). */
    static final List<String> JVM_FLAGS = List.of("-Xmx1g", "-XX:+UseParallelGC");
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private Servers() {
    }

    static List<String> java(Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        String extra = System.getenv("BENCH_SERVER_JVM_ARGS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.add("0");
        return command;
    }

    static List<String> node(Path dir) {
        installSocketIo(dir);
        return List.of("node", dir.resolve("server.js").toString(), "0");
    }

    /** Installs socket.io from the npm registry into the peer's own folder on first use. */
    static synchronized void installSocketIo(Path dir) {
        if (Files.isDirectory(dir.resolve("node_modules/socket.io"))) {
            return;
        }
        try {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install in " + dir + " failed; the Socket.IO peer needs it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run npm (is Node installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing socket.io", e);
        }
    }

    /** A running server process. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final int port;

        private Running(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        /**
         * Starts {@code command} and waits for its {@code PORT <n>} line; its output goes to {@code log}.
         */
        public static Running start(List<String> command, Path log) throws IOException {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (var writer = Files.newBufferedWriter(log)) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("PORT ") && !port.isDone()) {
                            port.complete(Integer.parseInt(line.substring(5).trim()));
                        }
                        writer.write(line);
                        writer.newLine();
                        writer.flush();
                    }
                } catch (IOException | RuntimeException e) {
                    port.completeExceptionally(e);
                }
                port.completeExceptionally(new IllegalStateException("Server exited before printing its port; see "
                        + log));
            }, "bench-server-log");
            reader.setDaemon(true);
            reader.start();
            try {
                return new Running(process, port.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IOException("Server " + command + " did not start: " + e.getMessage(), e);
            }
        }

        public int port() {
            return port;
        }

        public long pid() {
            return process.pid();
        }

        /** User plus system CPU time of the process so far, in microseconds (10 ms resolution). */
        public long cpuMicros() {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return ticks * 1_000_000 / CLOCK_TICKS_PER_SECOND;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Context switches of all the process's threads so far, voluntary (a thread parked or blocked: a hand-off
         * waits) and involuntary (preempted), from {@code /proc/<pid>/task/<tid>/status}; threads that ended are not
         * counted, so read it around a phase in which the server's threads stay the same.
         */
        public long contextSwitches() {
            long switches = 0;
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")
                                    || line.startsWith("nonvoluntary_ctxt_switches:")) {
                                switches += Long.parseLong(line.replaceAll("[^0-9]", ""));
                            }
                        }
                    } catch (IOException e) {
                        // The thread ended between the listing and the read.
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return switches;
        }

        /** Resident set size in KiB. */
        public long rssKib() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
                throw new IllegalStateException("No VmRSS for process " + pid());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Asks a JVM server for a full GC (jcmd), so that memory figures do not count garbage; no-op for node. */
        public void collectGarbage() {
            if (!process.info().command().orElse("").endsWith("java")) {
                return;
            }
            try {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid()), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                jcmd.waitFor(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Stops the process (SIGTERM, then SIGKILL after 10 s). */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
