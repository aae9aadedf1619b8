package org.regsl.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.claim.ExpectedResultsException;

/** Reading chosen hyper-parameters, and the error for a missing choice. */
class HyperparametersTest {

    @TempDir
    Path dir;

    @Test
    void readsChoicesAndTravelledDistances() throws IOException {
        Path f = Files.writeString(dir.resolve("c3-hyperparameters.yaml"), "design: in-domain\ntargets:\n  mnist:\n"
                + "    travelled: {stage1: 1.0, stage2: 2.0, stage3: 4.0, head: 5.0}\n"
                + "    chosen:\n      layer-wise: {d: 0.5, gamma: 2.0, head: 10.0}\n"
                + "      distance-proportional: {c: 0.5, head: 10.0}\n");
        Hyperparameters hp = Hyperparameters.load(f);
        MethodSpec lw = hp.chosen("mnist", "layer-wise");
        assertEquals("layer-wise(d=0.5,gamma=2,head=10)", lw.id());
        assertEquals(2.0, lw.radii().radius("stage3"), 1e-12);
        assertEquals(2.0, hp.chosen("mnist", "distance-proportional").radii().radius("stage3"), 1e-12);
        assertEquals(MethodSpec.FINE_TUNING, hp.chosen("mnist", "fine-tuning"));
        assertEquals(Design.IN_DOMAIN, hp.design());
    }

    @Test
    void missingOrUnknownDesignNamesTheField() throws IOException {
        Path none = Files.writeString(dir.resolve("c3-hyperparameters.yaml"), "targets: {}\n");
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class, () -> Hyperparameters.load(none)
                .design());
        assertTrue(e.getMessage().startsWith("c3-hyperparameters.yaml: field 'design'"), e.getMessage());
        Path bad = Files.writeString(dir.resolve("c3-hyperparameters.yaml"), "design: huge\n");
        e = assertThrows(ExpectedResultsException.class, () -> Hyperparameters.load(bad).design());
        assertTrue(e.getMessage().contains("field 'design': unknown design 'huge'"), e.getMessage());
    }

    @Test
    void missingChoiceNamesTheField() throws IOException {
        Path f = Files.writeString(dir.resolve("c3-hyperparameters.yaml"), "targets:\n  mnist:\n    chosen: {}\n");
        ExpectedResultsException e = assertThrows(ExpectedResultsException.class,
                () -> Hyperparameters.load(f).chosen("mnist", "l2-sp"));
        assertTrue(e.getMessage().startsWith("c3-hyperparameters.yaml: field 'targets.mnist.chosen.l2-sp'"),
                e.getMessage());
    }
}
