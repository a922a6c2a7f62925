package io.interleave.grader.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether the grader's own classes (tests, stress tests, their harness), compiled when the grader was
 * built against the exercise's stub, may run against a student's classes as if both had been compiled together
 * from source. That holds when everything those classes rely on is the same in the student's classes as in the
 * stub: every stub class is there with the same kind, modifiers and supertypes; every field and method the
 * precompiled code refers to resolves to members with the same descriptors and modifiers, with no overload added
 * or removed (the compiler would have chosen among them); every compile-time constant (the compiler copies those
 * into the tests) has the same value; no student class takes the name of a grader class. Anything else, and the
 * caller compiles everything from source, which gives exactly the compiler's own verdict.
 */
public final class PrecompiledLink {
    private PrecompiledLink() {
    }

    /**
     * Empty when {@code precompiled} (compiled against {@code stub}) links to {@code own} (the student's freshly
     * compiled classes) as it did to the stub; otherwise the first difference found. All maps go from binary
     * class names to class files.
     */
    public static Optional<String> mismatch(Map<String, byte[]> own, Map<String, byte[]> stub, Map<String, byte[]> precompiled) {
        for (String name : own.keySet()) {
            if (precompiled.containsKey(name)) {
                return Optional.of("the submission declares " + name + ", a class of the grader's tests");
            }
        }
        Map<String, ClassShape> ownShapes = shapes(own);
        Map<String, ClassShape> stubShapes = shapes(stub);
        for (ClassShape expected : stubShapes.values()) {
            ClassShape actual = ownShapes.get(expected.name());
            if (actual == null) {
                return Optional.of("the submission has no class " + expected.name());
            }
            Optional<String> different = compareClass(expected, actual);
            if (different.isPresent()) {
                return different;
            }
        }
        for (byte[] bytes : precompiled.values()) {
            ClassShape user = ClassShape.read(bytes);
            for (ClassShape.Reference reference : user.references()) {
                if (!stubShapes.containsKey(reference.owner())) {
                    if (ownShapes.containsKey(reference.owner())) {
                        return Optional.of(user.name() + " refers to " + reference.owner() + ", which the stub does not declare");
                    }
                    continue;
                }
                Optional<String> different = compareMember(reference, stubShapes, ownShapes);
                if (different.isPresent()) {
                    return different;
                }
            }
            List<String> supertypes = new ArrayList<>(user.interfaces());
            if (user.superName() != null) {
                supertypes.add(user.superName());
            }
            for (String supertype : supertypes) {
                ClassShape expected = stubShapes.get(supertype);
                if (expected != null && !methodSet(expected).equals(methodSet(ownShapes.get(supertype)))) {
                    return Optional.of(user.name() + " extends " + supertype + ", whose methods differ from the stub's");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> compareClass(ClassShape expected, ClassShape actual) {
        if ((expected.access() & ClassShape.CLASS_KIND) != (actual.access() & ClassShape.CLASS_KIND)
                || expected.sealed() != actual.sealed()) {
            return Optional.of(expected.name() + " is declared with other modifiers or as another kind of type than in the stub");
        }
        if (!java.util.Objects.equals(expected.superName(), actual.superName()) || !expected.interfaces().equals(actual.interfaces())) {
            return Optional.of(expected.name() + " has other supertypes than in the stub");
        }
        for (ClassShape.Member field : expected.fields()) {
            if (field.constant() != null && actual.fields().stream().noneMatch(f -> f.linkage().equals(field.linkage()))) {
                return Optional.of("the constant " + expected.name() + "." + field.name() + " differs from the stub's");
            }
        }
        return Optional.empty();
    }

    /** Compares what {@code reference} resolves to, walking up the stub's types (the student's have the same ones). */
    private static Optional<String> compareMember(ClassShape.Reference reference, Map<String, ClassShape> stub,
                                                  Map<String, ClassShape> own) {
        boolean field = reference.kind() == 9;
        List<String> todo = new ArrayList<>(List.of(reference.owner()));
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            String type = todo.remove(0);
            ClassShape expected = stub.get(type);
            if (expected == null || !seen.add(type)) {
                continue;
            }
            Set<String> wanted = named(expected, reference.name(), field);
            Set<String> found = named(own.get(type), reference.name(), field);
            if (!wanted.equals(found)) {
                return Optional.of((field ? "the field " : "the methods named ") + type + "." + reference.name()
                        + " differ from the stub's");
            }
            if (!wanted.isEmpty() || reference.name().equals("<init>")) {
                return Optional.empty();
            }
            todo.addAll(expected.interfaces());
            if (expected.superName() != null) {
                todo.add(expected.superName());
            }
        }
        return Optional.empty();
    }

    private static Set<String> named(ClassShape shape, String name, boolean field) {
        Set<String> linkages = new TreeSet<>();
        for (ClassShape.Member member : field ? shape.fields() : shape.methods()) {
            if (member.name().equals(name) && !member.isPrivate()) {
                linkages.add(member.linkage());
            }
        }
        return linkages;
    }

    private static Set<String> methodSet(ClassShape shape) {
        Set<String> linkages = new TreeSet<>();
        shape.methods().stream().filter(m -> !m.isPrivate()).forEach(m -> linkages.add(m.linkage()));
        return linkages;
    }

    /** Shapes by internal name ({@code race/ChaiStock}). */
    private static Map<String, ClassShape> shapes(Map<String, byte[]> classes) {
        Map<String, ClassShape> shapes = new HashMap<>();
        classes.values().forEach(bytes -> {
            ClassShape shape = ClassShape.read(bytes);
            shapes.put(shape.name(), shape);
        });
        return shapes;
    }
}
