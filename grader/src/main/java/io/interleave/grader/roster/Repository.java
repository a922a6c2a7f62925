package io.interleave.grader.roster;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a student's work is: a git repository (a URL or a local path) or a plain folder. */
public sealed interface Repository {
    /** How the roster names it, for messages. */
    String shown();

    /** A git repository, cloned and checked out at the commit to grade. */
    record Git(String source) implements Repository {
        @Override
        public String shown() {
            return source;
        }
    }

    /** A folder that is not a git repository: graded as it is, with no commit and no date. */
    record Folder(Path dir) implements Repository {
        @Override
        public String shown() {
            return dir.toString();
        }
    }

    /**
     * The repository {@code value} names: a URL or scp-style address is git; a path (relative to {@code base}, the
     * roster's folder) is git when it holds a repository ({@code .git}, or a bare one) and a plain folder otherwise. A
     * path that does not exist is taken as git, so that fetching it fails with git's own reason.
     */
    static Repository of(String value, Path base) {
        if (value.contains("://") || value.matches("[\\w.-]+@[\\w.-]+:.*")) {
            return new Git(value);
        }
        Path path = base.resolve(value).normalize();
        if (Files.isDirectory(path) && !Files.exists(path.resolve(".git")) && !Files.isRegularFile(path.resolve("HEAD"))) {
            return new Folder(path);
        }
        return new Git(path.toString());
    }
}
