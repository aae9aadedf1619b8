package org.regsl.bench.claim;

/** An expected-results file is malformed or lacks a value; the message names the file and the field. */
public class ExpectedResultsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExpectedResultsException(String message) {
        super(message);
    }

    public ExpectedResultsException(String message, Throwable cause) {
        super(message, cause);
    }
}
