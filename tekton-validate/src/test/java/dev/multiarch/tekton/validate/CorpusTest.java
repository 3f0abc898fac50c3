package dev.multiarch.tekton.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus under test resources {@code corpus/}: valid Tekton YAML written here in the shapes
 * users write (each false-positive class of issue 10), which Tekton's rules accept; documents valid
 * only under feature flags, which the defaults reject naming the flag; and misses, which must be
 * reported at the path and with the message their {@code # expect:} line gives. Valid files whose
 * first line starts {@code # stable:} pass under {@code enable-api-fields: stable} too.
 */
class CorpusTest {

  private static final Path CORPUS = GoldenFiles.moduleDir().resolve("src/test/resources/corpus");
  private static final TektonValidator TEKTON = TektonValidator.create();

  @Test
  void validCorpus_asOneSet_passesTektonsRules() {
    ValidationReport report = TEKTON.validateFiles(yaml(CORPUS.resolve("valid")));

    assertThat(report.problems()).extracting(ValidationProblem::toString).isEmpty();
    assertThat(report.documents()).isGreaterThanOrEqualTo(60);
    assertThat(report.skipped())
        .hasSize(2)
        .allMatch(note -> note.contains(": skipped: tekton.dev/"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void validCorpusFile_onItsOwn_passesTektonsRules(Path file) {
    ValidationReport report = TEKTON.validateFiles(List.of(file));

    assertThat(report.problems()).extracting(ValidationProblem::toString).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stableFiles")
  void stableCorpusFile_underStableApiFields_passes(Path file) {
    ValidationReport report =
        TEKTON
            .withFeatureFlags(
                FeatureFlags.defaults().with(FeatureFlags.ENABLE_API_FIELDS, "stable"))
            .validateFiles(List.of(file));

    assertThat(report.problems()).extracting(ValidationProblem::toString).isEmpty();
  }

  @Test
  void flagCorpus_underTheClustersFlags_passes() {
    FeatureFlags flags = FeatureFlags.fromConfigMap(CORPUS.resolve("flags/feature-flags.yaml"));

    ValidationReport report =
        TEKTON.withFeatureFlags(flags).validateFiles(yaml(CORPUS.resolve("flags/valid")));

    assertThat(report.problems()).extracting(ValidationProblem::toString).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flagFiles")
  void flagCorpusFile_underTektonsDefaults_isRejectedNamingTheFlag(Path file) {
    String needs = header(file, "# needs: ");

    ValidationReport report = TEKTON.validateFiles(List.of(file));

    assertThat(report.problems()).extracting(p -> p.path() + ": " + p.message()).contains(needs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missFiles")
  void miss_isReportedAtItsPath(Path file) {
    String expected = header(file, "# expect: ");

    ValidationReport report =
        TektonValidator.create().withReferenceHints().validateFiles(List.of(file));

    assertThat(report.problems())
        .extracting(
            p ->
                p.path()
                    + ": "
                    + (p.project() ? ValidationProblem.PROJECT_TAG + " " : "")
                    + p.message())
        .anyMatch(line -> line.startsWith(expected));
  }

  static Stream<Path> validFiles() {
    return yaml(CORPUS.resolve("valid")).stream();
  }

  /**
   * Valid files whose first line starts {@code # stable:}: they use no feature that
   * enable-api-fields gates.
   */
  static Stream<Path> stableFiles() {
    return validFiles().filter(file -> header(file, "").startsWith("# stable:"));
  }

  static Stream<Path> flagFiles() {
    return yaml(CORPUS.resolve("flags/valid")).stream();
  }

  static Stream<Path> missFiles() {
    return yaml(CORPUS.resolve("misses")).stream();
  }

  private static String header(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(prefix))
          .findFirst()
          .map(l -> l.substring(prefix.length()))
          .orElseThrow(() -> new AssertionError(file + " has no " + prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> yaml(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
