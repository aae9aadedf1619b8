package org.regsl.bench.data;

/**
 * A data set could not be used: missing, corrupt, or malformed. The message always names the file
 * and, where there is one, the field, so that a user can find what is wrong without a debugger.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Builds "{@code file}: field '{@code field}': {@code problem}". */
    public static DatasetException at(String file, String field, String problem) {
        return new DatasetException(file + ": field '" + field + "': " + problem);
    }
}
