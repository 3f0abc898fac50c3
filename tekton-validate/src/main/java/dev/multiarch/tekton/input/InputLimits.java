package dev.multiarch.tekton.input;

/**
 * How much of a kind of input is read before it is refused, so that no file (a multi-gigabyte one,
 * a device, an alias bomb of a few hundred bytes) can make a reader run for minutes or run out of
 * memory. {@code docs/limits.md} documents these values.
 *
 * @param what the kind of input, as messages name it: "a spec file"
 * @param maxBytes the largest size, in bytes
 * @param maxLineLength the longest line, in characters (SnakeYAML takes time quadratic in the
 *     length of one token)
 * @param maxNodes the most YAML nodes (scalars, lists and maps, keys included) of a file, each
 *     alias counting as the nodes it stands for
 * @param maxCharacters the most scalar characters of a file, each alias counting as the characters
 *     it stands for
 * @param maxDepth the deepest nesting of lists and maps, aliases followed
 * @param aliases whether anchors and aliases are allowed at all
 */
public record InputLimits(
    String what,
    int maxBytes,
    int maxLineLength,
    int maxNodes,
    long maxCharacters,
    int maxDepth,
    boolean aliases) {

  private static final int MIB = 1024 * 1024;

  /** A build spec: small, and with no use for anchors and aliases. */
  public static final InputLimits SPEC_FILE =
      new InputLimits("a spec file", MIB, 64 * 1024, 1_000, MIB, 20, false);

  /**
   * A Tekton YAML file for {@code validate}: room for many documents (generated Tekton YAML holds
   * about 26,000 nodes per MiB, scripts included, so the node budget is about 4 MiB of it, several
   * times the largest object etcd stores; a file of scripts can be larger), lines as long as
   * Kubernetes' whole annotation budget (256 KiB, as {@code
   * kubectl.kubernetes.io/last-applied-configuration} can be), anchors and aliases allowed within
   * the node budget. The budget is what SnakeYAML composes in well under a second, so that even a
   * dense file is refused fast.
   */
  public static final InputLimits TEKTON_FILE =
      new InputLimits("a YAML file", 16 * MIB, 256 * 1024, 100_000, 32L * MIB, 50, true);

  /** A size in the unit people think in: {@code 1 MiB}, {@code 256 KiB}, {@code 100 bytes}. */
  public static String size(long bytes) {
    if (bytes >= MIB && bytes % MIB == 0) {
      return bytes / MIB + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " bytes";
  }
}
