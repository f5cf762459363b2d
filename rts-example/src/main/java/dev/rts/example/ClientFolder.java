package dev.rts.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The folder the page is served from: one given with {@code --client-dir}; or, when run from the repo (or from
 * {@code rts-example/}), the real {@code rts-example/client} folder, so that edits show up at once and a file watcher
 * can follow them; otherwise the copy packed into the jar, extracted to a temporary folder that is deleted again on
 * {@link #close()}.
 */
final class ClientFolder implements AutoCloseable {

    static final String RESOURCE = "/dev/rts/example/client/";
    private static final String MODULE_MARKER = "<artifactId>rts-example</artifactId>";

    private final Path path;
    private final boolean temporary;

    private ClientFolder(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /**
     * A folder chosen by the user; left alone on {@link #close()}.
     *
     * @param dir an absolute path
     * @return the folder
     * @throws IllegalArgumentException if it is not a directory
     */
    static ClientFolder given(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("The client folder '" + dir + "' "
                    + (Files.exists(dir) ? "is not a directory" : "does not exist") + "; pass an existing directory");
        }
        return new ClientFolder(dir, false);
    }

    /**
     * Finds the source folder under the working directory, or extracts the packed copy.
     *
     * @param workingDirectory where to look for {@code rts-example/client} or {@code client}
     * @return the folder
     * @throws UncheckedIOException  if the packed copy cannot be extracted
     * @throws IllegalStateException if the page is neither on disk nor on the class path
     */
    static ClientFolder locate(Path workingDirectory) {
        for (Path module : List.of(workingDirectory.resolve("rts-example"), workingDirectory)) {
            Path client = module.resolve("client");
            if (Files.isRegularFile(client.resolve("index.html")) && isExampleModule(module)) {
                return new ClientFolder(client.toAbsolutePath().normalize(), false);
            }
        }
        return fromClassPath();
    }

    /** A folder named client could belong to any project; only ours sits next to the example's pom. */
    private static boolean isExampleModule(Path module) {
        Path pom = module.resolve("pom.xml");
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains(MODULE_MARKER);
        } catch (IOException e) {
            return false;
        }
    }

    private static ClientFolder fromClassPath() {
        URL index = ClientFolder.class.getResource(RESOURCE + "index.html");
        if (index == null) {
            throw new IllegalStateException("The example page " + RESOURCE + "index.html is not on the class path; "
                    + "rebuild with 'mvn install' or run from the repo root");
        }
        try {
            URI uri = index.toURI();
            if (uri.getScheme().equals("file")) {
                return new ClientFolder(Path.of(uri).getParent(), false);
            }
            Path target = Files.createTempDirectory("rts-example-client");
            copyFromJar(uri, target);
            return new ClientFolder(target, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the example page from " + index, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the example page at " + index, e);
        }
    }

    private static void copyFromJar(URI uri, Path target) throws IOException {
        FileSystem jar;
        boolean ours;
        try {
            jar = FileSystems.newFileSystem(uri, Map.of());
            ours = true;
        } catch (FileSystemAlreadyExistsException e) {
            // Opened by someone else in this JVM: use it, and leave it open for them.
            jar = FileSystems.getFileSystem(uri);
            ours = false;
        }
        try {
            copyTree(jar.getPath(RESOURCE), target);
        } finally {
            if (ours) {
                jar.close();
            }
        }
    }

    /**
     * Copies a directory tree into an existing directory, which may be on another file system (such as a jar's).
     *
     * @param source the directory to copy
     * @param target where its contents go
     * @throws IOException if a file cannot be read or written, or already exists in the target
     */
    static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
    }

    /**
     * The folder.
     *
     * @return an absolute path to an existing directory
     */
    Path path() {
        return path;
    }

    /**
     * Whether the folder is a temporary copy rather than the source.
     *
     * @return {@code true} for an extracted copy
     */
    boolean temporary() {
        return temporary;
    }

    /** Deletes an extracted copy; leaves a source folder alone. Idempotent, never throws. */
    @Override
    public void close() {
        if (!temporary || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp folder is harmless; the OS cleans it eventually.
        }
    }
}
