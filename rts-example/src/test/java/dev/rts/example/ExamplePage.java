package dev.rts.example;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The example's page for tests that edit it: they edit a copy, never the files in the repo.
 */
final class ExamplePage {

    private ExamplePage() {
    }

    /**
     * Copies the example's {@code client/} folder (from the repo, or from the class path) into a folder.
     *
     * @param dir an existing, empty folder
     * @throws IOException if a file cannot be copied
     */
    static void copyTo(Path dir) throws IOException {
        try (ClientFolder page = ClientFolder.locate(Path.of("").toAbsolutePath())) {
            ClientFolder.copyTree(page.path(), dir);
        }
    }
}
