package dev.uoom.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Text output as columns separated by two spaces; numeric columns align right. The last column is not padded. */
final class Table {
    private static final String GAP = "  ";

    private final String indent;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param indent printed before every row
     * @param right for each column, whether it aligns right
     */
    Table(String indent, boolean... right) {
        this.indent = indent;
        this.right = right.clone();
    }

    Table row(String... cells) {
        if (cells.length != right.length) {
            throw new IllegalArgumentException("expected " + right.length + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    void print(PrintWriter out) {
        lines().forEach(out::println);
    }

    /** The formatted rows, in order. */
    List<String> lines() {
        int[] width = new int[right.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                boolean last = i == row.length - 1;
                String pad = " ".repeat(width[i] - row[i].length());
                if (right[i]) {
                    line.append(pad).append(row[i]);
                } else {
                    line.append(row[i]).append(last ? "" : pad);
                }
                if (!last) {
                    line.append(GAP);
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
