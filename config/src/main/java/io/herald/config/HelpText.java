package io.herald.config;

import java.util.ArrayList;
import java.util.List;

/** Renders {@code --help}: how the layers combine, then one row per key. */
final class HelpText {
    private HelpText() {}

    static String render(List<HelpEntry> entries) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: herald [--config FILE] [--KEY=VALUE | --KEY VALUE | --FLAG]...\n\n");
        out.append("Every key can be set in the YAML config file, as an environment variable or as a flag;\n");
        out.append("flags win over environment variables, which win over the file. Durations: 250ms, 5s, 2m, 1h\n");
        out.append("(a bare number is seconds). Lists: a YAML list, or comma-separated in variables and flags.\n\n");
        out.append("  --config FILE    (or HERALD_CONFIG) the YAML config file\n");
        out.append("  --help, -h       print this help\n");
        out.append("  --version        print the version\n\n");

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KEY", "FLAG", "ENVIRONMENT", "DEFAULT", "DESCRIPTION"});
        for (HelpEntry e : entries) {
            String flags = e.flags().isEmpty() ? "(file only)" : String.join(", ", e.flags());
            String doc = e.doc() == null || e.doc().isBlank() ? "[" + e.type() + "]" : e.doc() + " [" + e.type() + "]";
            rows.add(new String[] {e.key(), flags, e.env() == null ? "" : e.env(), e.defaultValue(), doc});
        }
        int[] width = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < 4; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < 4; c++) {
                line.append(row[c]).append(" ".repeat(width[c] - row[c].length() + 2));
            }
            line.append(row[4]);
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
