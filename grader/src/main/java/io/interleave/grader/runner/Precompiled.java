package io.interleave.grader.runner;

import java.util.Map;

/**
 * The grader's own classes of an exercise, compiled when the grader was built: {@code classes} (public, hidden
 * and stress tests, compiled against the stub), {@code stub} (the stub's classes they were compiled against),
 * and the jcstress harness generated for the stress tests ({@code harness} and its {@code testList}, empty when
 * the exercise has none). They are used only when the student's classes link to them exactly as the stub's did
 * (see {@link io.interleave.grader.compile.PrecompiledLink}); otherwise everything is compiled from source.
 */
public record Precompiled(Map<String, byte[]> classes, Map<String, byte[]> stub, Map<String, byte[]> harness, String testList) {
    /** Where a bundled exercise keeps them, relative to the exercise's folder in the grader. */
    public static final String FOLDER = "precompiled/";
    public static final String CLASSES = FOLDER + "classes/";
    public static final String STUB = FOLDER + "stub/";
    public static final String HARNESS = FOLDER + "harness/";
    public static final String TEST_LIST = FOLDER + "TestList";

    public Precompiled {
        classes = Map.copyOf(classes);
        stub = Map.copyOf(stub);
        harness = Map.copyOf(harness);
        testList = testList == null ? "" : testList;
    }
}
