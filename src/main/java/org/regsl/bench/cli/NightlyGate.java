package org.regsl.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The nightly's gate over one claim group's Allure results: Failsafe counts skipped cases as
 * success, so a night whose data, weights or GPU were missing would be green. The gate fails the
 * group when it ran no paper-scale case at all (every paper cell skipped, for whatever reason,
 * "measured without a reference" not counted as skipped: those ran), or when a headline paper
 * direction (a "paper direction" case: C3's +1.76, C5's +3.56) did not run to a verdict.
 */
final class NightlyGate {

    /** One case of the results: its name and Allure status (passed, failed, broken, skipped). */
    record Case(String name, String status, String message) {
        boolean paper() {
            return name.contains(" paper ") || name.contains(" paper direction ");
        }

        boolean headline() {
            return name.contains(" paper direction ");
        }

        boolean ran() {
            return !status.equals("skipped") || (message != null && message.contains("measured without a reference"));
        }
    }

    private NightlyGate() {}

    /** The problems that fail the group (empty: the gate passes). */
    static List<String> problems(List<Case> cases) {
        List<String> out = new ArrayList<>();
        List<Case> paper = cases.stream().filter(Case::paper).toList();
        if (paper.isEmpty()) {
            out.add("no paper-scale case in the results: was the group run with -Dregsl.scale=paper?");
        } else if (paper.stream().noneMatch(Case::ran)) {
            out.add("every one of the " + paper.size() + " paper-scale cases was skipped (first reason: "
                    + paper.get(0).message() + ")");
        }
        paper.stream().filter(Case::headline).filter(c -> !c.ran()).forEach(c -> out.add("headline direction did"
                + " not run: " + c.name() + " (" + c.message() + ")"));
        return out;
    }

    /** The cases of an Allure results folder ({@code *-result.json}). */
    static List<Case> read(Path results) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).sorted().toList()) {
                JsonNode r = json.readTree(f.toFile());
                out.add(new Case(r.path("name").asText(""), r.path("status").asText("unknown"),
                        r.path("statusDetails").path("message").asText(null)));
            }
        }
        return out;
    }
}
