package dev.uoom.daemon;

import dev.uoom.api.UoomException;

/** A daemon configuration file cannot be read or is invalid. The message names the file and, if known, the line. */
public class ConfigException extends UoomException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, starting with the file name
     * @param cause the parser's exception, or {@code null}
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
