package org.regsl.bench.claim;

/**
 * A test asked of a sample that cannot support it (fewer than two values, an empty sample, a
 * paper value without runs): an error, never a verdict. Callers add the cell it belongs to.
 */
public final class UntestableException extends IllegalArgumentException {
    public UntestableException(String message) {
        super(message);
    }

    public UntestableException(String message, Throwable cause) {
        super(message, cause);
    }
}
