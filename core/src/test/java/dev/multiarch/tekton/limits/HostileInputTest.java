package dev.multiarch.tekton.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.multiarch.tekton.SpecFile;
import dev.multiarch.tekton.SpecFileException;
import dev.multiarch.tekton.tasks.testing.HostTools;
import dev.multiarch.tekton.validate.TektonValidator;
import dev.multiarch.tekton.validate.YamlInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input built to hurt: alias bombs, huge files and lines, devices and FIFOs, given to the spec
 * reader and to {@code validate} through their public API. Each is refused with its documented
 * exception and one exact line, in well under the 5 seconds the tests allow (the time each took is
 * printed).
 */
class HostileInputTest {

  private static final Duration BOUND = Duration.ofSeconds(5);

  private static final String SPEC =
      """
      apiVersion: multiarch-tekton.dev/v1alpha1
      kind: MultiArchBuild
      metadata:
        name: hello
        namespace: demo
      spec:
        platforms: [linux/amd64, linux/arm64]
        destination:
          image: quay.io/example/hello
      """;

  @TempDir Path tmp;

  /**
   * The bombs: 25 levels of lists of two aliases, 48 aliases in all, under SnakeYAML's
   * limit of 50; the compact one names its levels a to y.
   */
  static String aliasBomb(boolean compact) {
    StringBuilder text = new StringBuilder(compact ? "a: &a [x,x]\n" : "l0: &l0 [a, a]\n");
    for (int i = 1; i <= 24; i++) {
      text.append(
          compact
              ? String.format("%c: &%<c [*%c,*%<c]%n", (char) ('a' + i), (char) ('a' + i - 1))
              : String.format("l%d: &l%<d [*l%d, *l%<d]%n", i, i - 1));
    }
    return text.toString();
  }

  @Test
  void validate_nestedAliasBomb_isRefusedAtTheNodeBudget() {
    for (boolean compact : List.of(false, true)) {
      String bomb = aliasBomb(compact);
      assertThat(bomb.length()).isLessThan(compact ? 420 : 540);

      Throwable thrown =
          timed(
              "alias bomb of " + bomb.length() + " bytes",
              () -> TektonValidator.create().validate(Map.of("bomb.yaml", bomb)));

      assertThat(thrown)
          .isInstanceOf(YamlInputException.class)
          .hasMessage(
              "bomb.yaml:15: more than 100000 YAML "
                  + "nodes once aliases are expanded, the limit for a YAML file");
    }
  }

  @Test
  void validateFiles_aliasBombOnDisk_isRefusedTheSameWay() throws IOException {
    Path bomb = Files.writeString(tmp.resolve("bomb.yaml"), aliasBomb(false));

    Throwable thrown =
        timed("alias bomb file", () -> TektonValidator.create().validateFiles(List.of(bomb)));

    assertThat(thrown)
        .isInstanceOf(YamlInputException.class)
        .hasMessage(
            bomb
                + ":15: more than 100000 YAML nodes "
                + "once aliases are expanded, the limit for a YAML file");
  }

  @Test
  void validate_aliasToItsOwnContainer_isRefusedRatherThanRecursingForever() {
    Throwable thrown =
        timed(
            "recursive alias",
            () ->
                TektonValidator.create()
                    .validate(Map.of("loop.yaml", "kind: Task\nspec: &a\n  x: [*a]\n")));

    assertThat(thrown)
        .isInstanceOf(YamlInputException.class)
        .hasMessage(
            "loop.yaml:2: an alias refers to a node "
                + "that contains it (a recursive structure), which a YAML file cannot hold");
  }

  @Test
  void validate_aliasChainNestingDeeperThanTheLimit_isRefused() {
    StringBuilder chain = new StringBuilder("l0: &l0 [a]\n");
    for (int i = 1; i <= 60; i++) {
      chain
          .append("l")
          .append(i)
          .append(": &l")
          .append(i)
          .append(" [*l")
          .append(i - 1)
          .append("]\n");
    }

    Throwable thrown =
        timed(
            "alias chain",
            () -> TektonValidator.create().validate(Map.of("deep.yaml", chain.toString())));

    assertThat(thrown)
        .isInstanceOf(YamlInputException.class)
        .hasMessage(
            "deep.yaml:49: nested deeper than 50 "
                + "levels once aliases are followed, the limit for a YAML file");
  }

  @Test
  void validate_bigScalarUsedByManyAliases_isRefusedAtTheTextBudget() {
    String big = ("  " + "x".repeat(99) + "\n").repeat(10_000);
    String text = "kind: ConfigMap\nvalue: &v >-\n" + big + "uses:\n" + "  - *v\n".repeat(40);

    Throwable thrown =
        timed("scalar aliases", () -> TektonValidator.create().validate(Map.of("big.yaml", text)));

    assertThat(thrown)
        .isInstanceOf(YamlInputException.class)
        .hasMessage(
            "big.yaml:2: more than 33554432 characters"
                + " of text once aliases are expanded, the limit for a YAML file");
  }

  @Test
  void validate_fileOverTheSizeLimit_isRefusedBeforeParsing() throws IOException {
    Path huge = tmp.resolve("huge.yaml");
    Files.write(
        huge, ("a: " + "x".repeat(20 * 1024 * 1024) + "\n").getBytes(StandardCharsets.US_ASCII));

    Throwable thrown =
        timed("20 MB line", () -> TektonValidator.create().validateFiles(List.of(huge)));

    assertThat(thrown)
        .isInstanceOf(YamlInputException.class)
        .hasMessage(huge + ": larger than 16 MiB, the limit for a YAML file");
  }

  @Test
  void validate_lineOverTheLimit_isRefusedNamingTheLine() {
    String text = "kind: Task\nmetadata:\n  name: " + "x".repeat(300 * 1024) + "\n";

    Throwable thrown =
        timed("300 KiB line", () -> TektonValidator.create().validate(Map.of("long.yaml", text)));

    assertThat(thrown)
        .isInstanceOf(YamlInputException.class)
        .hasMessage("long.yaml:3: a line longer than 262144 characters, the limit for a YAML file");
  }

  @Test
  void validate_moreNodesThanTheBudget_isRefused() {
    String text = "items:\n" + "- a\n".repeat(100_001);

    Throwable thrown =
        timed("100,001 nodes", () -> TektonValidator.create().validate(Map.of("dense.yaml", text)));

    assertThat(thrown)
        .isInstanceOf(YamlInputException.class)
        .hasMessage("dense.yaml:99999: more than 100000 YAML nodes, the limit for a YAML file");
  }

  @Test
  void specFile_withAnAnchor_isRefusedNamingIt() {
    Throwable thrown =
        timed(
            "spec anchor",
            () ->
                SpecFile.parse(
                    SPEC.replace("namespace: demo", "namespace: &ns demo"), "multiarch.yaml"));

    assertThat(thrown)
        .isInstanceOf(SpecFileException.class)
        .hasMessage(
            "multiarch.yaml:5: anchor '&ns': a spec "
                + "file takes no anchors or aliases (&name, *name); write the value out");
  }

  @Test
  void specFile_scalarAliasBomb_isRefusedBySizeBeforeParsing() throws IOException {
    // The case: a 1 MB build-arg value referenced by 2,000 aliases in a 2 MB spec.
    Path spec = tmp.resolve("multiarch.yaml");
    Files.writeString(
        spec,
        SPEC
            + "  source:\n    buildArgs:\n      BIG: &big >-\n"
            + ("        " + "x".repeat(91) + "\n").repeat(10_500)
            + "      A: *big\n".repeat(2_000));
    assertThat(Files.size(spec)).isGreaterThan(1_000_000);

    Throwable thrown = timed("2 MB spec of aliases", () -> SpecFile.read(spec));

    assertThat(thrown)
        .isInstanceOf(SpecFileException.class)
        .hasMessage(spec + ": larger than 1 MiB, the limit for a spec file");
  }

  @Test
  void specFile_oneAliasOfABigValue_isRefusedAtTheAnchor() {
    String text =
        SPEC
            + "  source:\n    buildArgs:\n      BIG: &big >-\n"
            + ("        " + "x".repeat(91) + "\n").repeat(5_000)
            + "      A: *big\n";

    Throwable thrown = timed("spec alias", () -> SpecFile.parse(text, "multiarch.yaml"));

    assertThat(thrown)
        .isInstanceOf(SpecFileException.class)
        .hasMessage(
            "multiarch.yaml:12: anchor '&big': a spec "
                + "file takes no anchors or aliases (&name, *name); write the value out");
  }

  @Test
  void specFile_valueOverItsLengthLimit_isRefusedShowingTheStartAndHowMuchWasCut() {
    String text =
        SPEC + "  source:\n    context: >-\n" + ("      " + "x".repeat(93) + "\n").repeat(9_000);

    Throwable thrown = timed("900 KB context", () -> SpecFile.parse(text, "multiarch.yaml"));

    String shown = ("x".repeat(93) + " ").repeat(3).substring(0, 200);
    assertThat(thrown)
        .isInstanceOf(SpecFileException.class)
        .hasMessage(
            "multiarch.yaml:11: spec.source.context: '"
                + shown
                + "'... ("
                + (94 * 9_000 - 1 - 200)
                + " more characters) is not allowed; expected a relative path of "
                + "at most 4096 characters inside the source, without '..' segments or control characters, not starting "
                + "with '/' or '-'");
  }

  @Test
  void specFile_buildArgValueOverItsLimit_isRefused() {
    String text = SPEC + "  source:\n    buildArgs:\n      BIG: " + "y".repeat(4097) + "\n";

    Throwable thrown = timed("long build arg", () -> SpecFile.parse(text, "multiarch.yaml"));

    assertThat(thrown)
        .isInstanceOf(SpecFileException.class)
        .hasMessage(
            "multiarch.yaml:12: spec.source.buildArgs"
                + ".BIG: '"
                + "y".repeat(200)
                + "'... (3897 more characters) is not allowed; expected a value of at most "
                + "4096 characters without control characters such as newlines or tabs");
  }

  @Test
  void specFile_lineOverTheLimit_isRefusedNamingTheLine() throws IOException {
    Path spec = tmp.resolve("long.yaml");
    Files.writeString(spec, SPEC + "  builderImage: " + "x".repeat(70_000) + "\n");

    Throwable thrown = timed("70 KB spec line", () -> SpecFile.read(spec));

    assertThat(thrown)
        .isInstanceOf(SpecFileException.class)
        .hasMessage(spec + ":10: a line longer than 65536 characters, the limit for a spec file");
  }

  @Test
  void specFile_fiftyMegabyteLine_isRefusedBySizeAtOnce() throws IOException {
    Path spec = tmp.resolve("huge.yaml");
    Files.write(spec, ("a: " + "x".repeat(50 * 1024 * 1024)).getBytes(StandardCharsets.US_ASCII));

    Throwable thrown = timed("50 MB spec line", () -> SpecFile.read(spec));

    assertThat(thrown)
        .isInstanceOf(SpecFileException.class)
        .hasMessage(spec + ": larger than 1 MiB, the limit for a spec file");
  }

  @Test
  void specFile_moreNodesThanASpecNeeds_isRefused() {
    String text =
        SPEC.replace(
            "platforms: [linux/amd64, linux/arm64]", "platforms:\n" + "  - a\n".repeat(1_001));

    Throwable thrown = timed("1,001 spec nodes", () -> SpecFile.parse(text, "multiarch.yaml"));

    assertThat(thrown)
        .isInstanceOf(SpecFileException.class)
        .hasMessage("multiarch.yaml:993: more than 1000 YAML nodes, the limit for a spec file");
  }

  @Test
  void devZero_isRefusedBeforeOpening() {
    Path zero = Path.of("/dev/zero");

    assertThat(timed("spec /dev/zero", () -> SpecFile.read(zero)))
        .isInstanceOf(SpecFileException.class)
        .hasMessage("/dev/zero: cannot read: a character device, not a regular file");
    assertThat(
            timed(
                "validate /dev/zero", () -> TektonValidator.create().validateFiles(List.of(zero))))
        .isInstanceOf(YamlInputException.class)
        .hasMessage("/dev/zero: cannot read: a character device, not a regular file");
  }

  @Test
  void fifoWithoutWriter_isRefusedInsteadOfWaitingForever() throws Exception {
    Path fifo = tmp.resolve("spec.yaml");
    Process mkfifo =
        new ProcessBuilder(HostTools.require("mkfifo").toString(), fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();

    assertThat(timed("spec FIFO", () -> SpecFile.read(fifo)))
        .isInstanceOf(SpecFileException.class)
        .hasMessage(fifo + ": cannot read: a FIFO (named pipe), not a regular file");
    assertThat(timed("validate FIFO", () -> TektonValidator.create().validateFiles(List.of(fifo))))
        .isInstanceOf(YamlInputException.class)
        .hasMessage(fifo + ": cannot read: a FIFO (named pipe), not a regular file");
  }

  @Test
  void brokenLinkAndFolderAndBadUtf8_sayWhatTheyAre() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("link.yaml"), tmp.resolve("gone.yaml"));
    Path latin1 =
        Files.write(
            tmp.resolve("latin1.yaml"),
            new byte[] {'a', ':', ' ', '1', '\n', 'b', ':', ' ', (byte) 0xe9, '\n'});

    assertThat(catchThrowable(() -> SpecFile.read(link)))
        .hasMessage(link + ": cannot read: a broken link to " + tmp.resolve("gone.yaml"));
    assertThat(catchThrowable(() -> SpecFile.read(tmp)))
        .hasMessage(tmp + ": cannot read: a folder, not a regular " + "file");
    assertThat(catchThrowable(() -> TektonValidator.create().validateFiles(List.of(latin1))))
        .hasMessage(latin1 + ":2: not UTF-8 text");
  }

  @Test
  void specFile_escapeInAValue_isShownEscapedNeverRaw() {
    Throwable thrown =
        catchThrowable(
            () ->
                SpecFile.parse(
                    SPEC.replace("name: hello", "name: \"a\\e]0;owned\\a\\u202e\""),
                    "multiarch.yaml"));

    assertThat(thrown)
        .hasMessage(
            "multiarch.yaml:4: metadata.name: 'a\\x1b]0;owned\\x07\\u202e' is not allowed; "
                + "expected a DNS-1123 label of at most 57 characters: lowercase letters, digits and '-', starting and "
                + "ending with a letter or digit");
  }

  /**
   * Runs {@code action}, which must throw within the bound; prints how long it took; returns what
   * it threw.
   */
  private static Throwable timed(String what, ThrowingRunnable action) {
    return timed(BOUND, what, action);
  }

  private static Throwable timed(Duration bound, String what, ThrowingRunnable action) {
    return assertTimeoutPreemptively(
        bound,
        () -> {
          long start = System.nanoTime();
          Throwable thrown = catchThrowable(action::run);
          System.out.printf(
              "hostile input: %-24s refused in %4d ms%n",
              what, (System.nanoTime() - start) / 1_000_000);
          assertThat(thrown).as(what + " must be refused").isNotNull();
          return thrown;
        });
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
