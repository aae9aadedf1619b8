package org.regsl.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The source-model cache key depends on the configuration's content only. */
class SourceModelsTest {

    @Test
    void hashIgnoresKeyOrderButNotValues() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kind", "adversarial");
        a.put("pgd", new LinkedHashMap<>(Map.of("epsilon", 0.1, "steps", 3)));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("steps", 3);
        nested.put("epsilon", 0.1);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("pgd", nested);
        b.put("kind", "adversarial");
        assertEquals(SourceModels.hash(a), SourceModels.hash(b));
        nested.put("steps", 4);
        assertNotEquals(SourceModels.hash(a), SourceModels.hash(b));
    }
}
