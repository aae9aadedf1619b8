package org.regsl.bench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.DropoutRandom;

/**
 * The bench ViT trains with dropout; its masks come from each training thread's own generator
 * ({@link DropoutRandom}), so two ViT canaries trained at the same time give the bits one gives alone (with
 * libtorch's global dropout generator they did not).
 */
class VitDeterminismTest {

    @Test
    void concurrentViTRunsEqualOneAlone() throws Exception {
        String alone = NumericsFingerprint.computeCanary(org.regsl.bench.model.BenchArchitecture.VIT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> canary(), pool);
            CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> canary(), pool);
            assertEquals(alone, a.get(), "first of two concurrent ViT canaries");
            assertEquals(alone, b.get(), "second of two concurrent ViT canaries");
        } finally {
            pool.shutdown();
        }
    }

    private static String canary() {
        Gradients.offOnThisThread();
        return NumericsFingerprint.computeCanary(org.regsl.bench.model.BenchArchitecture.VIT);
    }
}
