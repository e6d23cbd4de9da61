package org.handlelens.rcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Picks the trace and log files (.etl, .txt, .log) named on the application's command line. */
final class CommandLineFiles {
    private CommandLineFiles() {
    }

    static List<String> existingFiles(String[] args) {
        List<String> files = new ArrayList<>();
        if (args == null) {
            return files;
        }
        for (String arg : args) {
            // Only traces and logs: the platform passes its own files (e.g. test properties).
            if (arg.startsWith("-") || !arg.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(etl|txt|log)$")) {
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
