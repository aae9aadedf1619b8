package org.regsl.bench.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * One expected-results file on disk: loading with strict validation (every error names the file
 * and the field), look-ups by cell and direction id, and, in record mode, rewriting the measured
 * values of one budget (atomically: temporary file, then move).
 */
public final class ExpectedResultsFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The one acceptance rule: replay under the recorded fingerprint, else the pooled t-test per cell (Statistics). */
    public static final String ACCEPTANCE_TEST = "replay-or-pooled-t";

    private final Path path;
    private final ExpectedResults data;
    private final Set<String> recordedThisRun = new HashSet<>();

    private ExpectedResultsFile(Path path, ExpectedResults data) {
        this.path = path;
        this.data = data;
    }

    /** Loads and validates {@code path}. */
    public static ExpectedResultsFile load(Path path) {
        String name = path.getFileName().toString();
        ExpectedResults data;
        try {
            data = YAML.readValue(Files.readString(path), ExpectedResults.class);
        } catch (NoSuchFileException e) {
            throw new ExpectedResultsException(path + ": file not found");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException) {
                throw new ExpectedResultsException(name + ": malformed YAML in field '" + fieldPath(e) + "': "
                        + e.getCause().getMessage(), e);
            }
            throw new ExpectedResultsException(name + ": field '" + fieldPath(e) + "': " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ExpectedResultsException(name + ": malformed YAML" + loc + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExpectedResultsException(name + ": cannot be read: " + e.getMessage(), e);
        }
        if (data == null) {
            throw new ExpectedResultsException(name + ": the file is empty");
        }
        validate(name, data);
        return new ExpectedResultsFile(path, data);
    }

    /** The parsed content. */
    public ExpectedResults data() {
        return data;
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** The cell {@code id}, or an error naming the file. */
    public ExpectedResults.Cell cell(String id) {
        return data.cells.stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow(() ->
                new ExpectedResultsException(path.getFileName() + ": no cell '" + id
                        + "'; record it with -Dregsl.record=true"));
    }

    /** The recorded values of cell {@code id} under {@code budget}, or an error naming file and field. */
    public ExpectedResults.Measured measured(String id, String budget) {
        ExpectedResults.Cell c = cell(id);
        ExpectedResults.Measured m = c.measured == null ? null : c.measured.get(budget);
        if (m == null) {
            throw new ExpectedResultsException(path.getFileName() + ": field 'cells[" + id + "].measured." + budget
                    + "': no values recorded for budget '" + budget + "'; record them with -Dregsl.record=true");
        }
        return m;
    }

    /** The recorded values of cell {@code id} under {@code budget}, or null when there are none. */
    public ExpectedResults.Measured measuredOrNull(String id, String budget) {
        return data.cells.stream().filter(c -> c.id.equals(id) && c.measured != null).map(c -> c.measured.get(budget))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The recorded verdict of direction {@code id} under {@code budget}, or null when there is none. */
    public ExpectedResults.RecordedVerdict verdictOrNull(String id, String budget) {
        return data.directions.stream().filter(d -> d.id.equals(id) && d.bench != null).map(d -> d.bench.get(budget))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** How many cells have values recorded under {@code budget}. */
    public int benchCellCount(String budget) {
        return (int) data.cells.stream().filter(c -> c.measured != null && c.measured.containsKey(budget)).count();
    }

    private static final java.util.Map<String, Integer> SUITE_COUNTS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * How many cells have values recorded under {@code budget} in every claim file of
     * {@code dir} (the files with {@code claim:} and {@code cells:} at their root): the family a
     * portable check controls, so that a clean run on other numerics fails the whole suite in at
     * most alpha of cases (Bonferroni over the suite). The Average cells are counted too: they
     * are functions of other cells, so counting them keeps the bound (Bonferroni needs no
     * independence) at a small cost in power.
     */
    public static int suiteCellCount(Path dir, String budget) {
        return SUITE_COUNTS.computeIfAbsent(dir.toAbsolutePath().normalize() + "|" + budget, k -> {
            int n = 0;
            for (Path f : claimFiles(dir)) {
                n += load(f).benchCellCount(budget);
            }
            return Math.max(1, n);
        });
    }

    /** The claim files of {@code dir}, in name order. */
    public static List<Path> claimFiles(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            List<Path> out = new ArrayList<>();
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                com.fasterxml.jackson.databind.JsonNode root = YAML.readTree(Files.readString(f));
                if (root != null && root.has("claim") && root.has("cells")) {
                    out.add(f);
                }
            }
            return out;
        } catch (IOException e) {
            throw new ExpectedResultsException(dir + ": the claim files cannot be listed: " + e.getMessage(), e);
        }
    }

    /** The direction {@code id}, or an error naming the file. */
    public ExpectedResults.Direction direction(String id) {
        return data.directions.stream().filter(d -> d.id.equals(id)).findFirst().orElseThrow(() ->
                new ExpectedResultsException(path.getFileName() + ": no direction '" + id
                        + "'; record it with -Dregsl.record=true"));
    }

    /** The recorded verdict of direction {@code id} under {@code budget}. */
    public ExpectedResults.RecordedVerdict verdict(String id, String budget) {
        ExpectedResults.Direction d = direction(id);
        ExpectedResults.RecordedVerdict v = d.bench == null ? null : d.bench.get(budget);
        if (v == null) {
            throw new ExpectedResultsException(path.getFileName() + ": field 'directions[" + id + "].bench." + budget
                    + "': no verdict recorded for budget '" + budget + "'; record it with -Dregsl.record=true");
        }
        return v;
    }

    /** Record mode: stores measured values for cell {@code id} (created if absent) and saves. */
    public synchronized void record(String id, String budget, ExpectedResults.Measured m) {
        ExpectedResults.Cell c = data.cells.stream().filter(x -> x.id.equals(id)).findFirst().orElseGet(() -> {
            ExpectedResults.Cell n = new ExpectedResults.Cell();
            n.id = id;
            n.scale = "bench";
            data.cells.add(n);
            return n;
        });
        if (c.measured == null) {
            c.measured = new LinkedHashMap<>();
        }
        c.measured.put(budget, m);
        recordedThisRun.add(id);
        save();
    }

    /** Record mode: stores a verdict for direction {@code id} (created if absent) and saves. */
    public synchronized void record(String id, String statement, String paper, String budget,
            ExpectedResults.RecordedVerdict v) {
        ExpectedResults.Direction d = data.directions.stream().filter(x -> x.id.equals(id)).findFirst()
                .orElseGet(() -> {
                    ExpectedResults.Direction n = new ExpectedResults.Direction();
                    n.id = id;
                    data.directions.add(n);
                    return n;
                });
        if (d.statement == null || "bench".equals(budget)) {
            d.statement = statement;
        }
        d.paper = paper;
        v.statement = statement;
        if (d.bench == null) {
            d.bench = new LinkedHashMap<>();
        }
        d.bench.put(budget, v);
        recordedThisRun.add(id);
        save();
    }

    /** The ids of the bench cells and directions with an entry for {@code budget}, in file order. */
    public synchronized java.util.Set<String> recordedIds(String budget) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        data.cells.stream().filter(c -> "bench".equals(c.scale) && c.measured != null && c.measured.containsKey(budget))
                .forEach(c -> ids.add(c.id));
        data.directions.stream().filter(d -> d.bench != null && d.bench.containsKey(budget)).forEach(d -> ids.add(d.id));
        return ids;
    }

    /** The ids of the paper-scale directions ({@code scale: paper} under {@code directions:}), in file order. */
    public synchronized List<String> paperDirectionIds() {
        return data.directions.stream().filter(d -> "paper".equals(d.scale)).map(d -> d.id).toList();
    }

    /** The ids of the paper-scale cells, in file order. */
    public synchronized List<String> paperCellIds() {
        return data.cells.stream().filter(c -> "paper".equals(c.scale)).map(c -> c.id).toList();
    }

    /** True when record mode wrote anything into this file in this JVM. */
    public synchronized boolean recordedAnything() {
        return !recordedThisRun.isEmpty();
    }

    /**
     * Record mode, after every test of the file's claim ran: removes the {@code budget} entries of
     * bench cells and directions this run did not produce (a cell or direction left with no entry
     * at all goes too) and saves. Returns the removed ids.
     */
    public synchronized List<String> pruneStale(String budget) {
        List<String> removed = new ArrayList<>();
        for (ExpectedResults.Cell c : data.cells) {
            if ("bench".equals(c.scale) && c.measured != null && c.measured.containsKey(budget)
                    && !recordedThisRun.contains(c.id)) {
                c.measured.remove(budget);
                removed.add(c.id);
            }
        }
        data.cells.removeIf(c -> "bench".equals(c.scale) && (c.measured == null || c.measured.isEmpty()));
        for (ExpectedResults.Direction d : data.directions) {
            if (d.bench != null && d.bench.containsKey(budget) && !recordedThisRun.contains(d.id)) {
                d.bench.remove(budget);
                removed.add(d.id);
            }
        }
        data.directions.removeIf(d -> !"paper".equals(d.scale) && (d.bench == null || d.bench.isEmpty()));
        if (!removed.isEmpty()) {
            save();
        }
        return removed;
    }

    private void save() {
        try {
            Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), path.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, YAML.writeValueAsString(data));
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ExpectedResultsException(path + ": cannot be written: " + e.getMessage(), e);
        }
    }

    private static void validate(String file, ExpectedResults d) {
        require(file, "claim", d.claim);
        require(file, "title", d.title);
        require(file, "source", d.source);
        if (d.acceptance == null) {
            throw new ExpectedResultsException(file + ": field 'acceptance': missing");
        }
        if (!ACCEPTANCE_TEST.equals(d.acceptance.test)) {
            throw new ExpectedResultsException(file + ": field 'acceptance.test': must be '" + ACCEPTANCE_TEST + "', was '"
                    + d.acceptance.test + "'");
        }
        requireRange(file, "acceptance.alpha", d.acceptance.alpha, 0, 0.5);
        requireRange(file, "acceptance.atol", d.acceptance.atol, 0, Double.MAX_VALUE);
        requireRange(file, "acceptance.rtol", d.acceptance.rtol, 0, 1);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < d.cells.size(); i++) {
            ExpectedResults.Cell c = d.cells.get(i);
            String at = "cells[" + i + "]";
            require(file, at + ".id", c.id);
            if (!ids.add(c.id)) {
                throw new ExpectedResultsException(file + ": field '" + at + ".id': duplicate id '" + c.id + "'");
            }
            if (!"bench".equals(c.scale) && !"paper".equals(c.scale)) {
                throw new ExpectedResultsException(file + ": field '" + at + ".scale': must be 'bench' or 'paper', was '"
                        + c.scale + "'");
            }
            if ("paper".equals(c.scale)) {
                validatePaperValue(file, at + ".paper", c.paper);
            }
            if (c.measured != null) {
                c.measured.forEach((budget, m) -> validateMeasured(file, at + ".measured." + budget, c.scale, budget, m));
            }
        }
        for (int i = 0; i < d.directions.size(); i++) {
            ExpectedResults.Direction dir = d.directions.get(i);
            String at = "directions[" + i + "]";
            require(file, at + ".id", dir.id);
            if (!ids.add(dir.id)) {
                throw new ExpectedResultsException(file + ": field '" + at + ".id': duplicate id '" + dir.id + "'");
            }
            if (dir.scale != null && !"paper".equals(dir.scale)) {
                throw new ExpectedResultsException(file + ": field '" + at + ".scale': a direction's scale is 'paper' or"
                        + " absent (bench), was '" + dir.scale + "'");
            }
            if ("paper".equals(dir.scale) != dir.id.startsWith("paper/")) {
                throw new ExpectedResultsException(file + ": field '" + at + ".scale': an id starting with paper/ needs"
                        + " 'scale: paper', and only such an id has it ('" + dir.id + "')");
            }
            if ("paper".equals(dir.scale)) {
                validatePaperValue(file, at + ".paperValue", dir.paperValue);
                if (dir.bench != null) {
                    throw new ExpectedResultsException(file + ": field '" + at + ".bench': a paper-scale direction has"
                            + " no bench verdicts");
                }
            } else if (dir.paperValue != null) {
                throw new ExpectedResultsException(file + ": field '" + at + ".paperValue': only a paper-scale"
                        + " direction has one");
            }
            if (dir.bench != null) {
                dir.bench.forEach((budget, v) -> validateVerdict(file, at + ".bench." + budget, budget, v));
            }
        }
    }

    /** The budgets each scale has (Budget and PaperBudget); a record under any other name is refused. */
    static final java.util.Map<String, Set<String>> BUDGETS = java.util.Map.of("bench", Set.of("bench", "smoke"),
            "paper", Set.of("paper", "tiny"));

    private static void validateMeasured(String file, String at, String scale, String budget, ExpectedResults.Measured m) {
        if (!BUDGETS.get(scale).contains(budget)) {
            throw new ExpectedResultsException(file + ": field '" + at + "': budget '" + budget + "' is not one of the "
                    + scale + " scale's " + new java.util.TreeSet<>(BUDGETS.get(scale)));
        }
        if (m.values == null || m.values.isEmpty()) {
            throw new ExpectedResultsException(file + ": field '" + at + ".values': missing or empty");
        }
        if (m.seeds == null || m.seeds.size() != m.values.size()) {
            throw new ExpectedResultsException(file + ": field '" + at + ".seeds': needs one seed per value");
        }
        double[] x = new double[m.values.size()];
        for (int k = 0; k < m.values.size(); k++) {
            Double v = m.values.get(k);
            if (v == null || !Double.isFinite(v)) {
                throw new ExpectedResultsException(file + ": field '" + at + ".values[" + k + "]': not a finite number");
            }
            x[k] = v;
        }
        requireFollows(file, at + ".mean", m.mean, Statistics.mean(x));
        requireFollows(file, at + ".std", m.std, Statistics.std(x));
        validateProvenance(file, at, budget, m.provenance);
        if (m.provenance.seeds == null || !m.provenance.seeds.equals(m.seeds)) {
            throw new ExpectedResultsException(file + ": field '" + at + ".provenance.seeds': " + m.provenance.seeds
                    + " do not match the values' seeds " + m.seeds);
        }
    }

    private static void validateVerdict(String file, String at, String budget, ExpectedResults.RecordedVerdict v) {
        if (!BUDGETS.get("bench").contains(budget)) {
            throw new ExpectedResultsException(file + ": field '" + at + "': budget '" + budget + "' is not one of the"
                    + " bench scale's " + new java.util.TreeSet<>(BUDGETS.get("bench")));
        }
        if (Verdict.parse(v.verdict) == null) {
            throw new ExpectedResultsException(file + ": field '" + at + ".verdict': must be one of holds, not"
                    + " significant, contradicted; was '" + v.verdict + "'");
        }
        if (v.pValue == null || !(v.pValue >= 0 && v.pValue <= 1)) {
            throw new ExpectedResultsException(file + ": field '" + at + ".pValue': must be a number in [0, 1], was "
                    + v.pValue);
        }
        validateProvenance(file, at, budget, v.provenance);
    }

    private static void validateProvenance(String file, String at, String budget, ExpectedResults.Provenance p) {
        if (p == null || p.commit == null || p.commit.isBlank()) {
            throw new ExpectedResultsException(file + ": field '" + at + ".provenance.commit': missing");
        }
        if (p.fingerprint == null || p.fingerprint.isBlank()) {
            throw new ExpectedResultsException(file + ": field '" + at + ".provenance.fingerprint': missing (every"
                    + " measured entry carries the numerics it was produced under; record it again)");
        }
        if (p.budget != null && !p.budget.equals(budget)) {
            throw new ExpectedResultsException(file + ": field '" + at + ".provenance.budget': '" + p.budget
                    + "' differs from the budget it is filed under, '" + budget + "'");
        }
        if (!Commits.known(p.commit)) {
            throw new ExpectedResultsException(file + ": field '" + at + ".provenance.commit': '" + p.commit
                    + "' is not a commit of this repository (git knows no such commit)");
        }
    }

    /** A recorded mean or std must be what its values give (a hand edit of one without the other is refused). */
    private static void requireFollows(String file, String field, Double recorded, double computed) {
        if (recorded == null || !(Math.abs(recorded - computed) <= 1e-9 * Math.max(1, Math.abs(computed)))) {
            throw new ExpectedResultsException(file + ": field '" + field + "': " + recorded + " does not follow from"
                    + " the values (they give " + computed + ")");
        }
    }

    private static void validatePaperValue(String file, String at, ExpectedResults.PaperValue p) {
        if (p == null || (p.mean == null) == (p.absent == null)) {
            throw new ExpectedResultsException(file + ": field '" + at + "': a paper-scale cell or direction needs"
                    + " either 'mean' (with 'source') or 'absent' (with the reason)");
        }
        if (p.mean != null) {
            require(file, at + ".source", p.source);
        }
    }

    private static void require(String file, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ExpectedResultsException(file + ": field '" + field + "': missing");
        }
    }

    private static void requireRange(String file, String field, Double v, double lo, double hi) {
        if (v == null || !(v >= lo && v <= hi)) {
            throw new ExpectedResultsException(file + ": field '" + field + "': must be a number in [" + lo + ", " + hi
                    + "], was " + v);
        }
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        List<JsonMappingException.Reference> path = e.getPath();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
