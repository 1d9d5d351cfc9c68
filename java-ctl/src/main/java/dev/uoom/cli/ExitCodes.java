package dev.uoom.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.uoom.api.ModuleNotLoadedException;
import dev.uoom.daemon.ConfigException;

/** The exit codes of the {@code uoom} command: the one place they are defined and described. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A runtime or kernel error. */
    public static final int ERROR = 1;
    /** Invalid command line. */
    public static final int USAGE = 2;
    /** The uoom kernel module is not loaded. */
    public static final int NOT_LOADED = 3;
    /** The daemon configuration file is missing or invalid. */
    public static final int CONFIG = 4;

    private ExitCodes() {
    }

    /** The exit code list shown by {@code uoom --help}. */
    static Map<String, String> descriptions() {
        Map<String, String> list = new LinkedHashMap<>();
        list.put(Integer.toString(OK), "Success.");
        list.put(Integer.toString(ERROR), "Runtime or kernel error.");
        list.put(Integer.toString(USAGE), "Usage error: invalid command line.");
        list.put(Integer.toString(NOT_LOADED), "The uoom kernel module is not loaded.");
        list.put(Integer.toString(CONFIG), "Invalid daemon configuration file (daemon --config, config check).");
        return list;
    }

    /** The exit code for a command that failed with {@code failure}. */
    static int of(Throwable failure) {
        if (failure instanceof ModuleNotLoadedException) {
            return NOT_LOADED;
        }
        return failure instanceof ConfigException ? CONFIG : ERROR;
    }
}
