package org.regsl.bench.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.DatasetException;
import org.regsl.bench.data.Integrity;
import org.regsl.bench.data.TarballFixtures;

/** C9's text readers: the three npm layouts, an e-mail's body without its headers, damaged files named. */
class TextCorporaTest {

    @TempDir
    Path dir;

    private List<Document> read(String format, Map<String, String> entries) throws IOException {
        Path tgz = TarballFixtures.tgz(dir.resolve("tiny-1.0.0.tgz"), entries);
        DatasetCatalog c = TextFixtures.catalog(dir, "tiny", format, Integrity.sha512(tgz));
        return TextCorpora.read(c.get("tiny"), tgz);
    }

    @Test
    void anEmailKeepsItsBodyWithoutHeadersTagsOrEntities() {
        String raw = "From: trap@spam.example\r\nSubject: WIN\r\n\r\n<html><b>Free</b>&nbsp;money\n\n  now!</html>";
        assertEquals("Free money now!", TextCorpora.body(raw));
        assertEquals("", TextCorpora.body("Subject: only headers"));
        assertEquals(TextCorpora.MAX_CHARS, TextCorpora.body("h: 1\n\n" + "x".repeat(5000)).length());
    }

    @Test
    void readsTheThreeLayoutsInEntryOrder() throws IOException {
        Map<String, String> spam = new LinkedHashMap<>();
        spam.put("package/data/spam-2/b.json", "{\"group\": \"spam-2\", \"text\": \"H: x\\n\\nbuy now\"}");
        spam.put("package/data/easy-ham-1/a.json", "{\"group\": \"easy-ham-1\", \"text\": \"H: y\\n\\nhello\"}");
        spam.put("package/README.md", "not data");
        List<Document> s = read(TextCorpora.SPAM, spam);
        assertEquals(List.of("hello", "buy now"), s.stream().map(Document::text).toList());
        assertEquals("easy-ham-1", s.get(0).group());

        List<Document> sotu = read(TextCorpora.SOTU, Map.of("package/data/1801_jefferson_1.json",
                "{\"year\": 1801, \"party\": \"Democratic-Republican\", \"text\": \"Fellow citizens.\"}"));
        assertEquals(1801, sotu.get(0).year());
        assertEquals("Democratic-Republican", sotu.get(0).group());

        List<Document> afinn = read(TextCorpora.AFINN, Map.of("package/data/words.json",
                "[[\"abandon\", -2], [\"meh\", 0], [\"wow\", 4]]"));
        assertEquals(List.of("negative", "neutral", "positive"), afinn.stream().map(Document::group).toList());
    }

    @Test
    void truncatedJsonNamesTheEntryAndTheField() {
        DatasetException e = assertThrows(DatasetException.class, () -> read(TextCorpora.SOTU, Map.of(
                "package/data/1801_jefferson_1.json", "{\"year\": 1801, \"party\": \"D\", \"text\": \"Fell")));
        assertTrue(e.getMessage().contains("tiny-1.0.0.tgz!package/data/1801_jefferson_1.json"), e.getMessage());
        assertTrue(e.getMessage().contains("'data'"), e.getMessage());
    }

    @Test
    void aMissingOrMistypedFieldIsNamed() {
        DatasetException year = assertThrows(DatasetException.class, () -> read(TextCorpora.SOTU, Map.of(
                "package/data/1801_jefferson_1.json", "{\"year\": \"soon\", \"party\": \"D\", \"text\": \"x\"}")));
        assertTrue(year.getMessage().contains("1801_jefferson_1.json") && year.getMessage().contains("'year'"),
                year.getMessage());
        DatasetException text = assertThrows(DatasetException.class, () -> read(TextCorpora.SPAM, Map.of(
                "package/data/spam-1/a.json", "{\"group\": \"spam-1\"}")));
        assertTrue(text.getMessage().contains("spam-1/a.json") && text.getMessage().contains("'text'"),
                text.getMessage());
        DatasetException pair = assertThrows(DatasetException.class, () -> read(TextCorpora.AFINN, Map.of(
                "package/data/words.json", "[[\"ok\", 1], [\"broken\"]]")));
        assertTrue(pair.getMessage().contains("words.json") && pair.getMessage().contains("[1]"), pair.getMessage());
    }

    @Test
    void aPackageWithoutTheLayoutsFilesIsNamed() {
        DatasetException e = assertThrows(DatasetException.class, () -> read(TextCorpora.AFINN, Map.of(
                "package/README.md", "nothing")));
        assertTrue(e.getMessage().contains("tiny-1.0.0.tgz") && e.getMessage().contains("no file"), e.getMessage());
    }
}
