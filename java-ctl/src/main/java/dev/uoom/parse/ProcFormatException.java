package dev.uoom.parse;

import java.util.OptionalInt;

/** A kernel file's text does not have the documented format. */
public class ProcFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    /**
     * @param file the file's name, such as {@code oom_status}
     * @param line the 1-based line number, or 0 if the problem is not on one line
     * @param problem what is wrong
     */
    public ProcFormatException(String file, int line, String problem) {
        super((line > 0 ? file + " line " + line : file) + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The file's name, such as {@code oom_status}. */
    public String file() {
        return file;
    }

    /** The 1-based number of the offending line, if the problem is on one line. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** What is wrong, without the file name and line number. */
    public String problem() {
        return problem;
    }
}
