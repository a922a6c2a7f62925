package io.interleave.grader.runner;

import io.interleave.grader.compile.CompileOutcome;
import io.interleave.grader.compile.SourceCompiler;
import io.interleave.grader.fetch.SourceFile;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The class loader of a run's compiled classes")
class MemoryClassLoaderTest {

    @Test
    @DisplayName("defines every class up front and then holds no class file that reflection could read")
    void forgetsTheBytes() throws Exception {
        CompileOutcome compiled = SourceCompiler.compile(List.of(
                new SourceFile("hidden/p/SecretTest.java", SourceFile.Role.HIDDEN_TEST,
                        "package p; class SecretTest extends Base { Runnable r = () -> {}; }"),
                new SourceFile("src/main/java/p/Base.java", SourceFile.Role.STUDENT, "package p; public class Base { }")),
                System.getProperty("java.class.path"));
        assertThat(compiled.success()).as("compiled: %s", compiled.diagnostics()).isTrue();

        MemoryClassLoader loader = new MemoryClassLoader(compiled.classes(), getClass().getClassLoader());

        assertThat(loader.loadClass("p.SecretTest").getSuperclass().getName()).isEqualTo("p.Base");
        for (Field field : MemoryClassLoader.class.getDeclaredFields()) {
            field.setAccessible(true);
            if (field.get(loader) instanceof Map<?, ?> map) {
                assertThat(map.values()).as("field %s", field.getName()).noneMatch(byte[].class::isInstance);
            }
        }
        assertThat(loader.getResource("interleave/exercises/fix-the-race/exercise.json")).isNull();
        assertThat(loader.getResource("p/SecretTest.class")).isNull();
    }
}
