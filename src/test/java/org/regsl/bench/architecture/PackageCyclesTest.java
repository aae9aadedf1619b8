package org.regsl.bench.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The main packages form layers: no package depends on itself through others. Dependencies are
 * read from the sources (imports and fully qualified names, Javadoc links included), and every
 * cycle is named with its packages.
 */
class PackageCyclesTest {

    private static final Path MAIN = Path.of("src/main/java/org/regsl/bench");
    private static final Pattern REFERENCE = Pattern.compile("org\\.regsl\\.bench\\.([a-z.]+)\\.[A-Z]");

    static Map<String, Set<String>> dependencies(Path root) throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> mine = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        mine.add(m.group(1));
                    }
                }
            }
        }
        return deps;
    }

    /** The strongly connected components with more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> deps) {
        List<Set<String>> out = new ArrayList<>();
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        for (String v : deps.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, deps, index, low, stack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> deps, Map<String, Integer> index,
            Map<String, Integer> low, List<String> stack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.add(v);
        for (String w : deps.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, deps, index, low, stack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> comp = new TreeSet<>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1) {
                out.add(comp);
            }
        }
    }

    @Test
    void theMainPackagesHaveNoCycle() throws IOException {
        Map<String, Set<String>> deps = dependencies(MAIN);
        assertTrue(deps.size() > 10, "the sources were found: " + deps.keySet());
        assertEquals(List.of(), cycles(deps), "package cycles; dependencies: " + deps);
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> deps = Map.of("train", Set.of("objective", "model"), "objective", Set.of("train"),
                "model", Set.of());
        assertEquals(List.of(Set.of("objective", "train")), cycles(new TreeMap<>(deps)));
    }
}
