package race;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs a scenario of ChaiStock calls on two threads under Lincheck's model checker: instead of starting threads and
 * hoping the operating system switches between them at the one moment that breaks the stock, the checker decides
 * every switch itself and explores the interleavings one by one, fewest switches first, with a fixed seed. A check
 * that fails does so in every grading, on a quiet machine and on a busy one, and shows the interleaving it found.
 *
 * <p>Every known wrong answer of this exercise is caught within the first 50 interleavings explored;
 * {@link #INTERLEAVINGS} leaves a margin of four times that.
 */
final class Interleavings {

    /** How many interleavings each scenario explores (a correct answer pays for all of them, about 2 ms each). */
    static final int INTERLEAVINGS = 200;

    private Interleavings() {
    }

    static Actor restock(long cups) {
        return actor("restock", cups);
    }

    static Actor sell(long cups) {
        return actor("sell", cups);
    }

    static Actor cups() {
        return actor("cups");
    }

    /** A scenario: {@code before} on one thread, then {@code threads} side by side, then {@code after}. */
    static ExecutionScenario scenario(List<Actor> before, List<List<Actor>> threads, List<Actor> after) {
        return new ExecutionScenario(before, threads, after, null);
    }

    /**
     * Explores the interleavings of {@code scenario}; fails with {@code symptom}, the results that no order of the
     * calls explains, the interleaving that gave them and {@code whereToLook} when one breaks the stock's promises,
     * hangs, or makes a call throw.
     */
    static void explore(ExecutionScenario scenario, String symptom, String whereToLook) {
        try {
            new ModelCheckingOptions().iterations(0).invocationsPerIteration(INTERLEAVINGS).addCustomScenario(scenario)
                    .check(StockOperations.class);
        } catch (AssertionError found) {
            fail(feedback(String.valueOf(found.getMessage()), symptom, whereToLook));
        }
    }

    static String feedback(String report, String symptom, String whereToLook) {
        List<String> lines = report.lines().toList();
        String headline = lines.stream().map(String::strip).filter(l -> l.startsWith("= ") && l.endsWith(" ="))
                .findFirst().orElse("");
        String evidence;
        if (headline.contains("Invalid execution results")) {
            evidence = symptom + " What the calls returned (no order of the calls made one at a time gives this): "
                    + results(table(lines, headline)) + ".";
        } else if (headline.contains("hung") || headline.contains("deadlock") || headline.contains("livelock")) {
            evidence = "The threads never finished: in the interleaving below each waits for something only the other"
                    + " can give (a lock held across a wait, two locks taken in opposite orders, or a loop that waits"
                    + " for a change nobody makes).";
        } else if (headline.contains("exception")) {
            evidence = "A call on ChaiStock threw an exception it never throws when one thread uses it: "
                    + results(table(lines, headline)) + ".";
        } else {
            evidence = symptom + " The model checker reports: " + headline.replace("=", "").strip() + ".";
        }
        return evidence + " The model checker found the interleaving that does it (it chose where each thread "
                + "stopped and the other ran): " + steps(table(lines, "The following interleaving")) + ". "
                + whereToLook;
    }

    /** The rows of the first table after the line that starts with {@code title}, split into its sections. */
    private static List<List<List<String>>> table(List<String> lines, String title) {
        List<List<List<String>>> sections = new ArrayList<>();
        int start = indexOf(lines, title, 0);
        if (start < 0) {
            return sections;
        }
        List<List<String>> section = new ArrayList<>();
        boolean header = true;
        for (String line : lines.subList(start + 1, lines.size())) {
            String row = line.strip();
            if (!row.startsWith("|")) {
                if (row.isEmpty() && sections.isEmpty() && section.isEmpty()) {
                    continue;
                }
                break;
            }
            if (row.replaceAll("[|\\s-]", "").isEmpty()) {
                if (!section.isEmpty()) {
                    sections.add(section);
                    section = new ArrayList<>();
                }
                continue;
            }
            List<String> cells = List.of(row.substring(1, row.length() - 1).split("\\|", -1));
            if (header) {
                header = false;
                continue;
            }
            section.add(cells);
        }
        if (!section.isEmpty()) {
            sections.add(section);
        }
        return sections;
    }

    /** The results table as prose: what each thread's calls returned, part by part. */
    private static String results(List<List<List<String>>> sections) {
        List<String> parts = new ArrayList<>();
        for (int s = 0; s < sections.size(); s++) {
            List<String> threads = new ArrayList<>();
            int columns = sections.get(s).stream().mapToInt(List::size).max().orElse(0);
            for (int t = 0; t < columns; t++) {
                int column = t;
                List<String> calls = sections.get(s).stream().filter(r -> column < r.size())
                        .map(r -> call(r.get(column))).filter(c -> !c.isEmpty()).toList();
                if (!calls.isEmpty()) {
                    threads.add("Thread " + (t + 1) + " " + String.join(", then ", calls));
                }
            }
            parts.add(part(s, sections.size()) + String.join(" while ", threads));
        }
        return parts.isEmpty() ? "(the checker printed none)" : String.join("; ", parts);
    }

    /** The interleaving table as prose: each thread's steps in the order the checker ran them. */
    private static String steps(List<List<List<String>>> sections) {
        List<String> parts = new ArrayList<>();
        for (int s = 0; s < sections.size(); s++) {
            List<String> runs = new ArrayList<>();
            int thread = -1;
            List<String> run = new ArrayList<>();
            for (List<String> row : sections.get(s)) {
                for (int t = 0; t < row.size(); t++) {
                    String step = step(row.get(t));
                    if (step.isEmpty()) {
                        continue;
                    }
                    if (t != thread && !run.isEmpty()) {
                        runs.add("Thread " + (thread + 1) + ": " + String.join(", ", run));
                        run = new ArrayList<>();
                    }
                    thread = t;
                    run.add(step);
                }
            }
            if (!run.isEmpty()) {
                runs.add("Thread " + (thread + 1) + ": " + String.join(", ", run));
            }
            parts.add(part(s, sections.size()) + String.join(" | then ", runs));
        }
        return parts.isEmpty() ? "(the checker printed none)" : String.join("; ", parts);
    }

    private static String part(int section, int sections) {
        int index = section + (3 - Math.min(3, sections));
        return switch (index) {
            case 0 -> "first, alone: ";
            case 1 -> "then side by side: ";
            default -> "afterwards: ";
        };
    }

    /** A cell of the results table: {@code sell(1): true} becomes {@code sell(1) returned true}. */
    private static String call(String cell) {
        String text = cell.strip().replaceAll("\\s*\\[[0-9,]*]$", "").replaceAll("\\s*#[0-9]+$", "");
        if (text.isEmpty()) {
            return "";
        }
        int colon = text.lastIndexOf("): ");
        if (colon < 0) {
            return text;
        }
        String result = text.substring(colon + 3);
        return text.substring(0, colon + 1) + (result.equals("void") ? "" : " returned " + result);
    }

    /** A cell of the interleaving table as a step, or empty for rows that only repeat what another row says. */
    private static String step(String cell) {
        if (cell.isBlank()) {
            return "";
        }
        int depth = (cell.length() - cell.stripLeading().length() - 1) / 2;
        String text = cell.strip();
        if (text.startsWith("switch") || text.startsWith("result:") || (depth == 1 && text.startsWith("stock."))) {
            return "";
        }
        if (depth == 0) {
            return call(text);
        }
        if (text.equals("MONITORENTER")) {
            return "takes a lock";
        }
        if (text.equals("MONITOREXIT")) {
            return "lets go of the lock";
        }
        if (text.contains(" \u279c ")) {
            String[] read = text.split(" \u279c ", 2);
            return "reads " + read[0] + " (" + read[1] + ")";
        }
        if (text.matches("[\\w.\\[\\]#]+ = .*")) {
            return "writes " + text;
        }
        return call(text);
    }

    private static int indexOf(List<String> lines, String start, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(start)) {
                return i;
            }
        }
        return -1;
    }

    private static Actor actor(String name, Object... args) {
        try {
            Method method = args.length == 0 ? StockOperations.class.getMethod(name)
                    : StockOperations.class.getMethod(name, long.class);
            return new Actor(method, List.of(args));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("StockOperations has no operation " + name, e);
        }
    }
}
