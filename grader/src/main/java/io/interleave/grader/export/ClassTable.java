package io.interleave.grader.export;

import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.ResultStatus;
import io.interleave.grader.gradebook.StudentRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The gradebook as a table: every student, every exercise that has a result, and the result that counts for each
 * pair (see {@code Gradebook.current}), with the reason of a student whose repository could not be graded.
 */
public record ClassTable(List<StudentRecord> students, List<Assignment> assignments, Map<String, Map<String, GradeResult>> results,
                         Map<String, String> unavailable) {
    public ClassTable {
        students = List.copyOf(students);
        assignments = List.copyOf(assignments);
        results = Map.copyOf(results);
        unavailable = Map.copyOf(unavailable);
    }

    /** The table of {@code current} results; {@code titles} names exercises by slug (a slug it lacks is its own title). */
    public static ClassTable of(List<StudentRecord> students, List<GradeResult> current, Map<String, String> titles) {
        Map<String, Map<String, GradeResult>> results = new HashMap<>();
        Map<String, String> unavailable = new HashMap<>();
        Map<String, Integer> maxScores = new java.util.TreeMap<>();
        for (GradeResult result : current) {
            String student = result.key().studentId();
            if (result.status() == ResultStatus.UNAVAILABLE) {
                unavailable.put(student, result.reason());
                continue;
            }
            results.computeIfAbsent(student, s -> new HashMap<>()).put(result.key().exercise(), result);
            maxScores.merge(result.key().exercise(), result.maxScore(), Math::max);
        }
        List<Assignment> assignments = maxScores.entrySet().stream()
                .map(e -> new Assignment(e.getKey(), titles.getOrDefault(e.getKey(), e.getKey()), e.getValue())).toList();
        return new ClassTable(students, assignments, results, unavailable);
    }

    /** The result of {@code student} in {@code assignment}, if graded. */
    public Optional<GradeResult> result(StudentRecord student, Assignment assignment) {
        return Optional.ofNullable(results.getOrDefault(student.id(), Map.of()).get(assignment.slug()));
    }

    /** The students by id. */
    public Map<String, StudentRecord> byId() {
        return students.stream().collect(Collectors.toMap(StudentRecord::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** A score as an LMS reads it: whole numbers without a point, others with up to two decimals. */
    public static String points(double score) {
        if (score == Math.rint(score)) {
            return Long.toString((long) score);
        }
        return new java.math.BigDecimal(score).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
