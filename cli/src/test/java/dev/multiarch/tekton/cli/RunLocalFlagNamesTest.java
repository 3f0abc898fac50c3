package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.local.LocalRunException;
import dev.multiarch.tekton.local.LocalRunException.Option;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * run-local's library names its own settings; the command line says the flag the user typed
 * instead.
 */
class RunLocalFlagNamesTest {

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of(
            Option.SOURCE,
            "",
            "the Pipeline has no 'source' workspace to put it in",
            "source: the Pipeline has no 'source' workspace to put it in",
            "--source: the Pipeline has no 'source' workspace to put it in"),
        Arguments.of(
            Option.REGISTRY,
            "127.0.0.1:5000",
            "no registry answers at http://127.0.0.1:5000/v2/",
            "registry 127.0.0.1:5000: no registry answers at http://127.0.0.1:5000/v2/",
            "--registry 127.0.0.1:5000: no registry answers at http://127.0.0.1:5000/v2/"),
        Arguments.of(
            Option.LOG_DIR,
            "logs",
            "cannot create it: permission denied",
            "logDir logs: cannot create it: permission denied",
            "--log-dir logs: cannot create it: permission denied"));
  }

  @ParameterizedTest
  @MethodSource("problems")
  void inFlags_problemOfASetting_namesItsFlag(
      Option option, String value, String problem, String library, String cli) {
    LocalRunException e = new LocalRunException(option, value, problem, null);

    assertThat(e).hasMessage(library);
    assertThat(RunLocalCommand.inFlags(e)).hasMessage(cli).hasCause(e);
  }

  @Test
  void inFlags_problemOfNoSetting_staysAsItIs() {
    LocalRunException e = new LocalRunException("run-local runs on Linux only");

    assertThat(RunLocalCommand.inFlags(e)).isSameAs(e);
  }
}
