package io.interleave.grader.publish;

import io.interleave.grader.exercise.Manifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The autograder zip an instructor uploads to Gradescope: {@code setup.sh} (installs a JDK and bubblewrap),
 * {@code run_autograder} (places the upload like an exercise folder and grades it into
 * {@code /autograder/results/results.json}) and the grader jar with the hidden tests.
 */
public final class GradescopeBundle {
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L);

    private GradescopeBundle() {
    }

    public static void write(Path zip, Manifest exercise, Path graderJar, String sandbox) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            add(out, "setup.sh", setup().getBytes(StandardCharsets.UTF_8));
            add(out, "run_autograder", runAutograder(exercise, sandbox).getBytes(StandardCharsets.UTF_8));
            add(out, "grader.jar", Files.readAllBytes(graderJar));
        }
    }

    private static void add(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(EPOCH);
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    static String setup() {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this once when it builds the autograder image (Ubuntu).
                set -euo pipefail
                apt-get update
                DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-21-jdk-headless bubblewrap
                """;
    }

    static String runAutograder(Manifest exercise, String sandbox) {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this for every submission. It never fails without writing results.json.
                root=${AUTOGRADER_ROOT:-/autograder}
                grader=${GRADER:-java -jar $root/source/grader.jar}
                slug=%s
                package_dir=%s
                upload=$root/submission
                results=$root/results/results.json
                mkdir -p "$root/results"
                work=$(mktemp -d)
                if [ -d "$upload/$slug" ] || [ -d "$upload/src" ]; then
                  cp -R "$upload/." "$work/"
                else
                  # Files uploaded one by one: put the Java sources where the exercise keeps them.
                  mkdir -p "$work/$package_dir"
                  find "$upload" -maxdepth 1 -type f -name '*.java' -exec cp {} "$work/$package_dir" \\;
                fi
                $grader grade --exercise "$slug" --sandbox %s --format gradescope --output "$results" "$work"
                status=$?
                if [ ! -s "$results" ]; then
                  printf '{"score": 0, "output": "The grader could not run (exit %%s); your instructor has been told by the logs.", "tests": []}\\n' "$status" > "$results"
                fi
                rm -rf "$work"
                exit 0
                """.formatted(exercise.slug(), exercise.packageDir(), sandbox);
    }
}
