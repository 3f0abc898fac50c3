package dev.multiarch.tekton.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How {@link Reference} reads {@code $(...)}, row by row as Tekton's pkg/substitution and resultref
 * read it.
 */
class ReferenceTest {

  static Stream<Arguments> parse() {
    return Stream.of(
        Arguments.of("$(params.x)", "params params.x  x"),
        Arguments.of("$(params.x[*])", "params params.x * x"),
        Arguments.of("$(params.x[2])", "params params.x 2 x"),
        Arguments.of("$(params.obj.key)", "params params.obj.key  obj"),
        Arguments.of("$(params[\"a.b\"])", "params params.a.b  a.b"),
        Arguments.of("$(params['a.b'][*])", "params params.a.b * a.b"),
        Arguments.of("$(params[\"with space\"])", "params params.with space  with space"),
        Arguments.of("$(params[ 'x' ])", "none"),
        Arguments.of("$( params.x )", "none"),
        Arguments.of("$(params.a.b.c)", "none"),
        Arguments.of("$(uname -m)", "none"),
        Arguments.of(
            "$(tasks.build.results.IMAGE_REF[*])", "tasks tasks.build.results.IMAGE_REF * -"),
        Arguments.of("$(tasks.build.results['IMAGE'])", "tasks tasks.build.results.IMAGE  -"),
        Arguments.of("$(tasks.t.results.r[0].key)", "tasks tasks.t.results.r.key 0 -"),
        Arguments.of("$(tasks.status)", "tasks tasks.status  -"),
        Arguments.of("$(context.pipelineRun.name)", "context context.pipelineRun.name  -"),
        Arguments.of("$(workspaces.src.path)", "workspaces workspaces.src.path  -"),
        Arguments.of("$(results.out.path)", "results results.out.path  -"),
        Arguments.of("$(step.results.sum.path)", "step step.results.sum.path  -"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void parse(String text, String expected) {
    var ref = Reference.parse(text, 0);
    String actual =
        ref.map(
                r ->
                    r.root()
                        + " "
                        + r.key()
                        + " "
                        + r.index()
                        + " "
                        + ("params".equals(r.root()) ? r.paramName() : "-"))
            .orElse("none");
    assertThat(actual).isEqualTo(expected);
  }

  static Stream<Arguments> isolated() {
    return Stream.of(
        Arguments.of("$(params.x)", true),
        Arguments.of("$(params.x) ", false),
        Arguments.of("a$(params.x)", false),
        Arguments.of("$(params.x)$(params.y)", false),
        Arguments.of("$(uname)", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void isolated(String text, boolean expected) {
    assertThat(Reference.isolated(text).isPresent()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void find_mixedText_findsOnlyTektonReferencesInOrder() {
    List<Reference> found =
        Reference.find("$(uname -m) $(params.a) and $(tasks.t.status) $(params[ 'b' ])");

    assertThat(found)
        .extracting(Reference::text)
        .containsExactly("$(params.a)", "$(tasks.t.status)");
    assertThat(found.get(1).isStatus()).isTrue();
  }
}
