package io.interleave.grader.structure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.interleave.grader.exercise.Permission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs the platform policy on the student's compiled classes and lists each violation with its line. */
public final class StructureChecker {
    /** At most this many violations are listed; the rest are counted. */
    public static final int MAX_LISTED = 20;

    private StructureChecker() {
    }

    /**
     * Checks the given student classes (binary name to bytes), writing them below {@code scratch} for
     * ArchUnit to read. Returns the violation messages, empty when the code keeps to the rules.
     */
    public static List<String> check(Map<String, byte[]> studentClasses, String exercisePackage,
                                     Set<Permission> permissions, Path scratch) throws IOException {
        for (Map.Entry<String, byte[]> entry : studentClasses.entrySet()) {
            Path file = scratch.resolve(entry.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, entry.getValue());
        }
        JavaClasses classes = new ClassFileImporter().importPath(scratch);
        Set<String> violations = new LinkedHashSet<>();
        for (ArchRule rule : List.of(PlatformPolicy.NO_ESCAPE_CALLS, PlatformPolicy.onlyAllowedApis(exercisePackage, permissions))) {
            EvaluationResult result = rule.allowEmptyShould(true).evaluate(classes);
            violations.addAll(result.getFailureReport().getDetails());
        }
        List<String> listed = new ArrayList<>();
        for (String violation : violations) {
            if (listed.size() == MAX_LISTED) {
                listed.add("... and " + (violations.size() - MAX_LISTED) + " more");
                break;
            }
            listed.add(violation);
        }
        return listed;
    }
}
