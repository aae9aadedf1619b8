package org.regsl.bench.claim;

/** A measurement that is NaN or infinite: an error naming the cell and the seed, never a verdict. */
public final class NonFiniteMeasurementException extends RuntimeException {

    /** An error with {@code message} (which names the cell and the seed). */
    public NonFiniteMeasurementException(String message) {
        super(message);
    }
}
