package dev.contextdb.archunit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The elementary cycles of a directed graph of contexts, each reported once, starting at its
 * alphabetically first context. Contexts are few, so a depth-first search per start suffices; the
 * number of reported cycles is capped all the same.
 */
final class CycleFinder {

    static final int LIMIT = 100;

    private final Map<String, SortedSet<String>> edges = new TreeMap<>();

    void add(String from, String to) {
        edges.computeIfAbsent(from, name -> new TreeSet<>()).add(to);
        edges.computeIfAbsent(to, name -> new TreeSet<>());
    }

    /** @return each cycle as its contexts, the first repeated at the end: {@code [a, b, a]} */
    List<List<String>> find() {
        List<List<String>> cycles = new ArrayList<>();
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>(List.of(start));
            walk(start, path, cycles);
        }
        return cycles;
    }

    private void walk(String start, List<String> path, List<List<String>> cycles) {
        String last = path.get(path.size() - 1);
        for (String next : edges.get(last)) {
            if (cycles.size() >= LIMIT) {
                return;
            }
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                cycles.add(List.copyOf(cycle));
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                walk(start, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
