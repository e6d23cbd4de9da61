package org.handlelens.rcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Picks the file arguments (not options) from the application's command line. */
final class CommandLineFiles {
    private CommandLineFiles() {
    }

    static List<String> existingFiles(String[] args) {
        List<String> files = new ArrayList<>();
        if (args == null) {
            return files;
        }
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            try {
                if (Files.isRegularFile(Path.of(arg))) {
                    files.add(Path.of(arg).toAbsolutePath().toString());
                }
            } catch (java.nio.file.InvalidPathException e) {
                // not a path: an argument for the platform, ignore
            }
        }
        return files;
    }
}
