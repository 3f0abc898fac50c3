package dev.multiarch.tekton.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Names the known field or object a misspelt one most likely meant: the closest within two edits.
 * The work is bounded, since {@code validate} asks once per unknown field and per unresolved
 * reference, against as many names as a set defines: a known name whose length differs by more than
 * two is passed over, a comparison looks only at the diagonal band two edits allow and stops as
 * soon as it is over, and at most {@value #MAX_COMPARED} names are compared per question. An {@link
 * Index} over many names finds every name one edit away by lookup, whatever their number.
 */
public final class Suggestions {

  private static final int MAX_DISTANCE = 2;
  static final int MAX_COMPARED = 1_000;

  private Suggestions() {}

  /** {@code "did you mean 'platforms'? "}, or empty if no known name is close. */
  public static String didYouMean(String given, List<String> known) {
    return hint(closest(given, known, MAX_DISTANCE + 1));
  }

  private static String hint(String name) {
    return name == null ? "" : "did you mean '" + name + "'? ";
  }

  /** The first of the closest names under {@code bound} edits among the first compared. */
  private static String closest(String given, List<String> known, int bound) {
    String best = null;
    int bestDistance = Math.min(bound, MAX_DISTANCE + 1);
    int compared = 0;
    for (String k : known) {
      if (Math.abs(k.length() - given.length()) > MAX_DISTANCE) {
        continue;
      }
      if (++compared > MAX_COMPARED || bestDistance == 0) {
        break;
      }
      int d = distance(given, k, bestDistance - 1);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /**
   * Many known names, indexed once by each name with one character left out, so that every name one
   * edit (or one swap) away from a question is found by lookup: a set of thousands of Tasks answers
   * thousands of near-miss references in linear time. Names two edits away are still looked for
   * among the first {@value #MAX_COMPARED} of similar length.
   */
  public static final class Index {

    private final List<String> known;
    private final Map<String, List<Integer>> byDeletion = new HashMap<>();

    private Index(List<String> known) {
      this.known = List.copyOf(known);
      for (int i = 0; i < this.known.size(); i++) {
        for (String variant : deletions(this.known.get(i))) {
          List<Integer> names = byDeletion.computeIfAbsent(variant, v -> new ArrayList<>(1));
          if (names.isEmpty() || names.get(names.size() - 1) != i) {
            names.add(i);
          }
        }
      }
    }

    /** An index of {@code known}, in their order: ties go to the earlier name. */
    public static Index of(List<String> known) {
      return new Index(known);
    }

    /** As {@link Suggestions#didYouMean(String, List)} over the indexed names. */
    public String didYouMean(String given) {
      // One edit apart, two names have a common form with at most one character left out of each.
      SortedSet<Integer> candidates = new TreeSet<>();
      for (String variant : deletions(given)) {
        candidates.addAll(byDeletion.getOrDefault(variant, List.of()));
      }
      String best = null;
      int bestDistance = MAX_DISTANCE;
      for (int i : candidates) {
        int d = distance(given, known.get(i), bestDistance - 1);
        if (d < bestDistance) {
          best = known.get(i);
          bestDistance = d;
        }
      }
      return hint(best != null ? best : closest(given, known, MAX_DISTANCE + 1));
    }

    private static List<String> deletions(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      List<String> variants = new ArrayList<>(lower.length() + 1);
      variants.add(lower);
      for (int i = 0; i < lower.length(); i++) {
        variants.add(lower.substring(0, i) + lower.substring(i + 1));
      }
      return variants;
    }
  }

  /**
   * Optimal string alignment distance, ignoring case (a swap of two neighbours counts as one edit,
   * like {@code platfroms}), or {@code limit + 1} if it is over {@code limit}. Only cells within
   * {@code limit} of the diagonal can hold a distance within it; the rest are taken as over.
   */
  static int distance(String a, String b, int limit) {
    int over = limit + 1;
    if (limit < 0 || Math.abs(a.length() - b.length()) > limit) {
      return over;
    }
    int m = b.length();
    int[] twoBack = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      previous[j] = Math.min(j, over);
    }
    for (int i = 1; i <= a.length(); i++) {
      int from = Math.max(1, i - limit);
      int to = Math.min(m, i + limit);
      // Cells outside the band are over the limit; only the two beside it are ever read.
      current[0] = Math.min(i, over);
      current[from - 1] = from == 1 ? current[0] : over;
      if (to < m) {
        current[to + 1] = over;
      }
      int rowMin = current[0];
      char ai = Character.toLowerCase(a.charAt(i - 1));
      for (int j = from; j <= to; j++) {
        char bj = Character.toLowerCase(b.charAt(j - 1));
        int cost = ai == bj ? 0 : 1;
        int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1
            && j > 1
            && ai == Character.toLowerCase(b.charAt(j - 2))
            && Character.toLowerCase(a.charAt(i - 2)) == bj) {
          d = Math.min(d, twoBack[j - 2] + 1);
        }
        current[j] = Math.min(d, over);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin > limit) {
        return over;
      }
      int[] spare = twoBack;
      twoBack = previous;
      previous = current;
      current = spare;
    }
    return previous[m];
  }
}
