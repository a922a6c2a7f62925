package io.interleave.grader.gradebook;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The gradebook in a SQLite file")
class GradebookTest extends GradebookContract {
    @Override
    String target(Path dir) {
        return dir.resolve("class.db").toString();
    }
}
