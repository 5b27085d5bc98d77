package io.herald.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rounds watch.sh wrote for one client: what its stub resolver answered and which address curl reached. */
final class WatchLog {
    /** How long a client must have reached only the survivor before it counts as switched over. */
    static final long STABLE_MILLIS = 1000;

    /** One round: when it started (epoch ms), the A addresses getent saw, curl's exit code and peer address. */
    record Round(long at, Set<String> addresses, int curlExit, String reached, String body) {
        static Round parse(String line) {
            String[] f = line.trim().split(" ");
            if (f.length != 5) {
                throw new IllegalArgumentException("watch.sh line with " + f.length + " fields, expected 5: " + line);
            }
            Set<String> addresses = f[1].equals("none") ? Set.of() : Set.of(f[1].split(","));
            return new Round(Long.parseLong(f[0]), addresses, Integer.parseInt(f[2]), f[3], f[4]);
        }

        boolean onlyReaches(String survivor) {
            return addresses.equals(Set.of(survivor)) && curlExit == 0 && reached.equals(survivor);
        }
    }

    private WatchLog() {}

    /** The complete rounds in the file so far (a line still being written is left for the next read). */
    static List<Round> read(Path file) throws IOException {
        List<Round> rounds = new ArrayList<>();
        if (!Files.exists(file)) {
            return rounds;
        }
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return rounds;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (!line.isBlank()) {
                rounds.add(Round.parse(line));
            }
        }
        return rounds;
    }

    /**
     * Milliseconds from {@code killedAt} to the first round after which every round reached only {@code survivor},
     * once that has held for {@link #STABLE_MILLIS}; empty while it has not.
     */
    static Optional<Long> switchedOver(List<Round> rounds, long killedAt, String survivor) {
        int first = rounds.size();
        while (first > 0 && rounds.get(first - 1).at() >= killedAt && rounds.get(first - 1).onlyReaches(survivor)) {
            first--;
        }
        if (first == rounds.size()) {
            return Optional.empty();
        }
        long since = rounds.get(first).at();
        if (rounds.get(rounds.size() - 1).at() - since < STABLE_MILLIS) {
            return Optional.empty();
        }
        return Optional.of(since - killedAt);
    }
}
