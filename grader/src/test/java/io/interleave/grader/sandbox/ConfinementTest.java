package io.interleave.grader.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The bwrap backend's cgroup")
class ConfinementTest {

    @Test
    @DisplayName("puts the run's process in its own memory, tasks and cpu groups, with the limits and the CPU weight set")
    void joinsGroupsWithLimitsAndWeight() throws Exception {
        SandboxRequest request = new SandboxRequest("confinement-test", List.of(), 384, 300, 2, 64, List.of());
        try (Confinement confinement = Confinement.create(request)) {
            Assumptions.assumeTrue(confinement.ownsCgroup(), () -> "this host lets the grader make no cgroup: "
                    + confinement.describe());
            boolean v1 = confinement.describe().startsWith("cgroup v1");
            Assumptions.assumeFalse(confinement.describe().contains("cpu weight not set"),
                    () -> "this host delegates no cpu controller: " + confinement.describe());
            long shares = 2L * Confinement.CPU_SHARES_PER_CPU;
            assertThat(confinement.describe()).contains("memory 384 MiB", "300 tasks",
                    v1 ? "cpu.shares " + shares : "cpu.weight " + Math.min(10_000, shares * 100 / 1024));

            Process process = new ProcessBuilder(confinement.join(List.of("/bin/sh", "-c", "cat /proc/self/cgroup; sleep 30")))
                    .redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line; (line = reader.readLine()) != null && !line.isEmpty(); ) {
                    lines.add(line);
                    if (line.startsWith("0::") || lines.size() > 20) {
                        break;
                    }
                }
            }
            String mine = "interleave-";
            if (v1) {
                for (String controller : List.of("memory", "pids", "cpu")) {
                    String entry = lines.stream().filter(l -> List.of(l.split(":", 3)[1].split(",")).contains(controller))
                            .findFirst().orElseThrow(() -> new AssertionError("no " + controller + " line in " + lines));
                    assertThat(entry).as("the %s cgroup of the confined process", controller).contains(mine);
                    Path group = Path.of("/sys/fs/cgroup", controller).resolve(entry.split(":", 3)[2].substring(1));
                    String file = switch (controller) {
                        case "memory" -> "memory.limit_in_bytes";
                        case "pids" -> "pids.max";
                        default -> "cpu.shares";
                    };
                    String expected = switch (controller) {
                        case "memory" -> String.valueOf(384L * 1024 * 1024);
                        case "pids" -> "300";
                        default -> String.valueOf(shares);
                    };
                    assertThat(Files.readString(group.resolve(file)).trim()).as("%s of %s", file, group).isEqualTo(expected);
                }
            } else {
                assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("0::").contains(mine));
            }
            confinement.killAll();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("killAll ends the process in the group").isTrue();
        }
    }
}
