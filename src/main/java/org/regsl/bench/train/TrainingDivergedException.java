package org.regsl.bench.train;

/** A run produced a non-finite loss; the run is abandoned and nothing of it is cached. */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
