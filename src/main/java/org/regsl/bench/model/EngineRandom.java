package org.regsl.bench.model;

import ai.djl.engine.Engine;
import java.util.function.Supplier;

/**
 * The engine's random generator is one per process ({@code torch.manual_seed}): runs that train
 * concurrently must not interleave their draws, or the same seed would give other numbers. Every
 * use seeds it and draws inside {@link #seeded}, which holds one process-wide lock.
 */
public final class EngineRandom {

    private static final Object LOCK = new Object();

    private EngineRandom() {}

    /** Seeds the engine's generator with {@code seed} and runs {@code draws} while no other thread may draw. */
    public static <T> T seeded(long seed, Supplier<T> draws) {
        synchronized (LOCK) {
            Engine.getInstance().setRandomSeed((int) seed);
            return draws.get();
        }
    }
}
