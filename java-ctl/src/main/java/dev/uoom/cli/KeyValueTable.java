package dev.uoom.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Text output as aligned {@code label:  value} rows. */
final class KeyValueTable {
    private static final int GAP = 2;

    private final List<String[]> rows = new ArrayList<>();

    KeyValueTable row(String label, String value) {
        rows.add(new String[] {label + ":", value});
        return this;
    }

    void print(PrintWriter out) {
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0) + GAP;
        for (String[] row : rows) {
            out.println(row[0] + " ".repeat(width - row[0].length()) + row[1]);
        }
    }
}
