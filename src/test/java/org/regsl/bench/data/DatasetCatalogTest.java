package org.regsl.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.config.Settings;

/** datasets.yaml: the project's file is valid; broken files give errors naming file and field. */
class DatasetCatalogTest {

    @TempDir
    Path dir;

    @Test
    void theProjectCatalogIsValid() {
        DatasetCatalog c = DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml"));
        assertEquals(10, c.get("fashion-mnist").classes().size());
        assertEquals(7000, c.get("fashion-mnist").expectedPerClass());
        assertTrue(c.get("mnist").integrity().startsWith("sha512-"));
        assertEquals("paper", c.get("cub-200-2011").scale());
        assertEquals("indoorCVPR_09", c.get("mit-indoor-67").layoutString("folder"));
    }

    @Test
    void malformedYamlNamesTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("datasets.yaml"), "datasets:\n  - name: [unclosed\n");
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetCatalog.load(f));
        assertTrue(e.getMessage().startsWith("datasets.yaml: malformed YAML"), e.getMessage());
    }

    @Test
    void missingFieldNamesTheField() throws IOException {
        Path f = Files.writeString(dir.resolve("datasets.yaml"), "datasets:\n  - name: a\n    scale: bench\n"
                + "    source: {type: npm, package: a, version: 1.0.0}\n    license: MIT\n"
                + "    layout: {format: npm-digits-json}\n    classes: 2\n");
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetCatalog.load(f));
        assertEquals("datasets.yaml: field 'datasets[0].integrity': missing", e.getMessage());
    }

    @Test
    void badScaleNamesTheField() throws IOException {
        Path f = Files.writeString(dir.resolve("datasets.yaml"), "datasets:\n  - name: a\n    scale: huge\n");
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetCatalog.load(f));
        assertTrue(e.getMessage().contains("'datasets[0].scale'"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetCatalog.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
    }

    @Test
    void everyPaperSetOfTheIssueIsDeclaredWithSourceLicenseSplitAndALoader() {
        DatasetCatalog c = DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml"));
        for (String name : java.util.List.of("fgvc-aircraft", "cub-200-2011", "caltech-256", "stanford-cars",
                "stanford-dogs", "flowers-102", "mit-indoor-67", "chestx-ray14", "mini-imagenet", "senteval")) {
            DatasetSpec s = c.get(name);
            assertEquals("paper", s.scale(), name);
            assertTrue(!s.downloads().isEmpty() || s.source().get("type").equals("manual"), name + ": no source");
            assertTrue(!s.license().isBlank() && s.layout().containsKey("images") && s.layout().containsKey("folder"),
                    name);
            assertTrue(org.regsl.bench.data.paper.PaperLayouts.FORMATS.contains(s.format())
                    || s.format().equals("senteval"), name + ": no loader for " + s.format());
        }
    }
}
