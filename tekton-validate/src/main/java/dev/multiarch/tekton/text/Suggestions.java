package dev.multiarch.tekton.text;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Names the known field a misspelt one most likely meant. */
public final class Suggestions {

  private static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  /** {@code "did you mean 'platforms'? "}, or empty if no known name is close. */
  public static String didYouMean(String given, List<String> known) {
    return known.stream()
        .filter(
            k ->
                distance(given.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT))
                    <= MAX_DISTANCE)
        .min(
            Comparator.comparingInt(
                k -> distance(given.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT))))
        .map(k -> "did you mean '" + k + "'? ")
        .orElse("");
  }

  // Optimal string alignment distance: a swap of two neighbours counts as one edit, like
  // `platfroms`.
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
