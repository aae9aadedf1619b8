package org.regsl.bench.data.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.data.DatasetException;

/** The SentEval loader on a fixture in SentEval's data/downstream layout. */
class SentEvalTest {

    @Test
    void loadsEveryTaskInItsLayout(@TempDir Path dir) throws IOException {
        for (String[] t : new String[][] {{"MR", "rt-polarity.neg", "rt-polarity.pos"}, {"CR", "custrev.neg", "custrev.pos"},
                {"SUBJ", "subj.objective", "subj.subjective"}, {"MPQA", "mpqa.neg", "mpqa.pos"}}) {
            Files.createDirectories(dir.resolve(t[0]));
            Files.write(dir.resolve(t[0]).resolve(t[1]), List.of("bad film", "", "dull"));
            Files.write(dir.resolve(t[0]).resolve(t[2]), List.of("great film"));
            SentEval.Task task = SentEval.load(dir, t[0]);
            assertEquals(List.of(0, 0, 1), task.parts().get("all").stream().map(SentEval.Sentence::label).toList());
        }
        Files.createDirectories(dir.resolve("TREC"));
        Files.write(dir.resolve("TREC/train_5500.label"), List.of("DESC:manner How did serfdom develop ?",
                "NUM:date When was Ozzy born ?"));
        Files.write(dir.resolve("TREC/TREC_10.label"), List.of("LOC:other Where is Belize ?"));
        SentEval.Task trec = SentEval.load(dir, "TREC");
        assertEquals(List.of(1, 5), trec.parts().get("train").stream().map(SentEval.Sentence::label).toList());
        assertEquals("Where is Belize ?", trec.parts().get("test").get(0).text());
        Path sst = Files.createDirectories(dir.resolve("SST/binary"));
        for (String p : List.of("train", "dev", "test")) {
            Files.write(sst.resolve("sentiment-" + p), List.of("a fine , moving film\t1", "tedious\t0"));
        }
        assertEquals(0, SentEval.load(dir, "SST2").parts().get("dev").get(1).label());
        Files.write(sst.resolve("sentiment-dev"), List.of("no label here"));
        DatasetException e = assertThrows(DatasetException.class, () -> SentEval.load(dir, "SST2"));
        assertTrue(e.getMessage().contains("sentiment-dev: line 1"), e.getMessage());
        Files.delete(dir.resolve("TREC/TREC_10.label"));
        e = assertThrows(DatasetException.class, () -> SentEval.load(dir, "TREC"));
        assertTrue(e.getMessage().contains("TREC_10.label"), e.getMessage());
    }
}
