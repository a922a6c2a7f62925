package io.interleave.grader.exercise;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.interleave.grader.report.HiddenChecks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The file roles, checks and limits of one exercise, read from its {@code exercise.json}. Paths of student
 * files, given files and public tests are relative to the exercise's template folder; hidden and stress tests
 * are relative to the grader's folder of the exercise. {@code hidden_checks} (optional, default {@code shown})
 * says what students see of the hidden and stress checks: {@code shown}, {@code pass-fail} or {@code after-deadline}.
 * {@code tools} (optional) lists the checking tools its hidden tests need from the grading JVM (see {@link Tool}).
 */
public record Manifest(
        String slug,
        String title,
        String teaches,
        @JsonProperty("package") String packageName,
        List<String> studentFiles,
        List<String> givenFiles,
        List<String> publicTests,
        List<String> hiddenTests,
        List<String> stressTests,
        Set<Permission> permissions,
        Limits limits,
        List<CheckSpec> checks,
        HiddenChecks hiddenChecks,
        Set<Tool> tools) {

    public Manifest {
        require(slug != null && slug.matches("[a-z0-9]+(-[a-z0-9]+)*"), "slug must be kebab-case, was '" + slug + "'");
        require(title != null && !title.isBlank(), "title is missing");
        require(packageName != null && packageName.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*"),
                "package must be a Java package name, was '" + packageName + "'");
        studentFiles = List.copyOf(orEmpty(studentFiles));
        givenFiles = List.copyOf(orEmpty(givenFiles));
        publicTests = List.copyOf(orEmpty(publicTests));
        hiddenTests = List.copyOf(orEmpty(hiddenTests));
        stressTests = List.copyOf(orEmpty(stressTests));
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
        checks = List.copyOf(orEmpty(checks));
        hiddenChecks = hiddenChecks == null ? HiddenChecks.SHOWN : hiddenChecks;
        tools = tools == null ? Set.of() : Set.copyOf(tools);
        require(!studentFiles.isEmpty(), "student_files is empty");
        require(limits != null, "limits are missing");
        Set<String> names = new HashSet<>();
        for (CheckSpec check : checks) {
            require(names.add(check.name()), "check name '" + check.name() + "' appears twice");
        }
        require(checks.stream().filter(c -> c.kind() == CheckKind.COMPILE).count() == 1, "needs exactly one check of kind compile");
        require(checks.stream().filter(c -> c.kind() == CheckKind.STRUCTURE).count() == 1, "needs exactly one check of kind structure");
        for (String path : java.util.stream.Stream.of(studentFiles, givenFiles, publicTests, hiddenTests, stressTests)
                .flatMap(List::stream).toList()) {
            require(path.endsWith(".java") && !path.startsWith("/") && !path.contains(".."), "bad source path '" + path + "'");
        }
    }

    /** A manifest whose hidden checks are shown to students. */
    public Manifest(String slug, String title, String teaches, String packageName, List<String> studentFiles,
                    List<String> givenFiles, List<String> publicTests, List<String> hiddenTests, List<String> stressTests,
                    Set<Permission> permissions, Limits limits, List<CheckSpec> checks) {
        this(slug, title, teaches, packageName, studentFiles, givenFiles, publicTests, hiddenTests, stressTests, permissions,
                limits, checks, HiddenChecks.SHOWN, Set.of());
    }

    /** A manifest that needs no checking tool. */
    public Manifest(String slug, String title, String teaches, String packageName, List<String> studentFiles,
                    List<String> givenFiles, List<String> publicTests, List<String> hiddenTests, List<String> stressTests,
                    Set<Permission> permissions, Limits limits, List<CheckSpec> checks, HiddenChecks hiddenChecks) {
        this(slug, title, teaches, packageName, studentFiles, givenFiles, publicTests, hiddenTests, stressTests, permissions,
                limits, checks, hiddenChecks, Set.of());
    }

    /** Every source path the manifest names, in role order. */
    public List<String> allSources() {
        return java.util.stream.Stream.of(studentFiles, givenFiles, publicTests, hiddenTests, stressTests)
                .flatMap(List::stream).toList();
    }

    /** The total points of the exercise. */
    public int maxScore() {
        return checks.stream().mapToInt(CheckSpec::points).sum();
    }

    /** The folder of the exercise's package below {@code src/main/java}. */
    public String packageDir() {
        return "src/main/java/" + packageName.replace('.', '/') + "/";
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
