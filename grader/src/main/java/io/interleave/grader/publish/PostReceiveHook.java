package io.interleave.grader.publish;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The post-receive hook script: for every branch pushed, runs {@code grader grade --git} on the repository and
 * prints the score table, which git shows the pusher as {@code remote:} lines. It always exits 0, and git has
 * already stored the refs when post-receive runs, so a failed grading never rejects or loses a push.
 */
public final class PostReceiveHook {
    /** The line that marks a hook as the grader's own. */
    public static final String MARKER = "# interleave-grader post-receive hook";

    private PostReceiveHook() {
    }

    public static boolean isOurs(String script) {
        return script.contains(MARKER);
    }

    /** The command that starts this grader: this JVM's java with this class path. */
    public static List<String> thisGrader() {
        String javaCommand = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        return List.of(javaCommand, "-cp", classPath, "io.interleave.grader.cli.GraderMain");
    }

    /** Writes the hook, executable, replacing any earlier one in one move. */
    public static void install(Path hook, List<String> graderCommand, List<String> gradeArgs) throws IOException {
        Path temp = Files.createTempFile(hook.getParent(), ".post-receive", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            Files.writeString(temp, script(graderCommand, gradeArgs), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(temp, hook, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static String script(List<String> graderCommand, List<String> gradeArgs) {
        List<String> words = new ArrayList<>(graderCommand);
        words.add("grade");
        words.addAll(gradeArgs);
        String command = words.stream().map(PostReceiveHook::quote).collect(Collectors.joining(" "));
        return """
                #!/bin/sh
                %s
                # Grades every branch pushed and prints the score for the pusher. Reinstall with: grader hook install
                # The refs are stored before post-receive runs and this script always exits 0: grading never rejects a push.
                repo=$(pwd)
                zero=0000000000000000000000000000000000000000
                while read -r old new ref; do
                  case "$ref" in refs/heads/*) ;; *) continue ;; esac
                  [ "$new" = "$zero" ] && continue
                  branch=${ref#refs/heads/}
                  echo "Interleave: grading $branch at $new"
                  %s --git "$repo" --ref "$branch" --format text 2>&1
                  status=$?
                  case $status in
                    0|1|3) ;;
                    *) echo "Interleave: grading did not finish (exit $status); your push is saved. Tell your instructor." ;;
                  esac
                done
                exit 0
                """.formatted(MARKER, command);
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
