package io.interleave.grader.exercise;

/**
 * One graded check as the manifest declares it. {@code test} names a JUnit method ({@code pkg.Class#method})
 * for {@link CheckKind#TEST}, a jcstress test class for {@link CheckKind#STRESS}, and is absent otherwise;
 * {@code title} (optional) is what people read, by default the name in words.
 */
public record CheckSpec(String name, CheckKind kind, int task, int points, String test, String title) {
    public CheckSpec {
        if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("check name must be kebab-case, was '" + name + "'");
        }
        if (kind == null) {
            throw new IllegalArgumentException("check '" + name + "' has no kind");
        }
        if (points < 0) {
            throw new IllegalArgumentException("check '" + name + "' has negative points");
        }
        boolean needsTest = kind == CheckKind.TEST || kind == CheckKind.STRESS;
        if (needsTest && (test == null || test.isBlank())) {
            throw new IllegalArgumentException("check '" + name + "' of kind " + kind.id() + " must name its test");
        }
        if (kind == CheckKind.TEST && !test.matches("[\\w.$]+#\\w+")) {
            throw new IllegalArgumentException("check '" + name + "' must name a test method as pkg.Class#method, was '" + test + "'");
        }
    }

    /** A check titled after its name. */
    public CheckSpec(String name, CheckKind kind, int task, int points, String test) {
        this(name, kind, task, points, test, null);
    }

    /** Whether this is one of the exercise's hidden checks (a hidden JUnit or jcstress test). */
    public boolean hidden() {
        return kind == CheckKind.TEST || kind == CheckKind.STRESS;
    }

    /** The class a test or stress check runs, without the method. */
    public String testClass() {
        int hash = test.indexOf('#');
        return hash < 0 ? test : test.substring(0, hash);
    }
}
