package dev.multiarch.tekton.validate.internal;

import static dev.multiarch.tekton.validate.testing.RuleTable.DEFAULTS;
import static dev.multiarch.tekton.validate.testing.RuleTable.STABLE;
import static dev.multiarch.tekton.validate.testing.RuleTable.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.testing.RuleTable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The small rule classes, one table each: {@link WhenValidation} (when_validation.go), {@link
 * ParamValidation} (param_types.go), {@link MatrixValidation} (matrix_types.go), {@link
 * ResultValidation} (result_validation.go), {@link ContainerValidation} (container_validation.go
 * validateRef), {@link StepActionValidation} (stepaction_validation.go), {@link MetadataValidation}
 * (validate/metadata.go).
 */
class SmallRulesTest {

  static Stream<Arguments> when() {
    return Stream.of(
        row("in", "- {input: a, operator: in, values: [a]}", DEFAULTS),
        row(
            "bad operator",
            "- {input: a, operator: nin, values: [a]}",
            DEFAULTS,
            "[0].operator: when operator must be in or notin, got 'nin'"),
        row(
            "no values",
            "- {input: a, operator: in, values: []}",
            DEFAULTS,
            "[0].values: when values must not be empty"),
        row(
            "CEL without the flag",
            "- {cel: \"'a' == 'a'\"}",
            DEFAULTS,
            "[0].cel: CEL when expressions need feature flag enable-cel-in-whenexpression: \"true\""),
        row(
            "CEL with the flag",
            "- {cel: \"'a' == 'a'\"}",
            DEFAULTS.with(FeatureFlags.ENABLE_CEL_IN_WHEN, "true")),
        row(
            "CEL with input",
            "- {cel: x, input: a}",
            DEFAULTS.with(FeatureFlags.ENABLE_CEL_IN_WHEN, "true"),
            "[0]: cel excludes input, operator and values"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void when(String name, String yaml, FeatureFlags flags, List<String> expected) {
    assertThat(RuleTable.lines(WhenValidation.validate(RuleTable.yaml(yaml), flags)))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> params() {
    return Stream.of(
        row(
            "types inferred",
            "- {name: s}\n- {name: a, default: [x]}\n- {name: o, properties: {k: {}}}",
            DEFAULTS),
        row(
            "YAML scalars as defaults are strings",
            "- {name: b, default: true}\n- {name: n, type: string, default: 8}",
            DEFAULTS),
        row(
            "default of another type",
            "- {name: a, type: array, default: x}",
            DEFAULTS,
            "[0].default: default is string but param 'a' is array"),
        row(
            "unknown type",
            "- {name: a, type: number}",
            DEFAULTS,
            "[0].type: param type 'number' must be string, array or object"),
        row(
            "duplicate",
            "- {name: a}\n- {name: a}",
            DEFAULTS,
            "[1].name: duplicate param name 'a'"),
        row(
            "bad name",
            "- {name: 9a}",
            DEFAULTS,
            "[0].name: param name '9a' must match ^[_a-zA-Z][_a-zA-Z0-9.-]*$"),
        row(
            "object key not a string",
            "- {name: o, type: object, properties: {k: {type: array}}}",
            DEFAULTS,
            "[0].properties.k: object properties must be string-typed, got array"),
        row(
            "enum without the flag",
            "- {name: e, enum: [a, b]}",
            DEFAULTS,
            "[0].enum: enum needs feature flag enable-param-enum: \"true\""),
        row(
            "enum with the flag",
            "- {name: e, enum: [a, b], default: a}",
            DEFAULTS.with(FeatureFlags.ENABLE_PARAM_ENUM, "true")),
        row(
            "enum default outside",
            "- {name: e, enum: [a, b], default: c}",
            DEFAULTS.with(FeatureFlags.ENABLE_PARAM_ENUM, "true"),
            "[0].default: default 'c' of param 'e' is not one of its enum values [a, b]"),
        row(
            "enum twice",
            "- {name: e, enum: [a, a]}",
            DEFAULTS.with(FeatureFlags.ENABLE_PARAM_ENUM, "true"),
            "[0].enum[1]: enum value 'a' appears twice"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void params(String name, String yaml, FeatureFlags flags, List<String> expected) {
    assertThat(RuleTable.lines(ParamValidation.specs(RuleTable.yaml(yaml), flags, true)))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> matrix() {
    return Stream.of(
        row("an array", "name: t\nmatrix: {params: [{name: p, value: [a, b]}]}", DEFAULTS),
        row(
            "a whole array reference",
            "name: t\nmatrix: {params: [{name: p, value: '$(params.l[*])'}]}",
            DEFAULTS),
        row(
            "a string",
            "name: t\nmatrix: {params: [{name: p, value: $(params.s)}]}",
            DEFAULTS,
            "matrix.params[0].value: matrix param values must be an array or a whole-array reference $(...[*])"),
        row(
            "the array without [*]",
            "name: t\nmatrix: {params: [{name: p, value: $(params.l)}]}",
            DEFAULTS,
            "matrix.params[0].value: array param 'l' must be used whole as $(params.l[*]) here"),
        row(
            "in matrix and params",
            "name: t\nparams: [{name: p, value: x}]\nmatrix: {params: [{name: p, value: [a]}]}",
            DEFAULTS,
            "matrix.params[0].name: param 'p' is in both matrix.params and params"),
        row(
            "under stable",
            "name: t\nmatrix: {params: [{name: p, value: [a]}]}",
            STABLE,
            "matrix: matrix needs feature flag enable-api-fields: \"beta\""),
        row(
            "257 from a default",
            "name: t\nmatrix: {params: [{name: p, value: '$(params.big[*])'}, {name: q, value: "
                + "[a, b]}]}",
            DEFAULTS,
            "matrix: 258 combinations exceed the maximum of 256"),
        row(
            "include adds one",
            "name: t\nmatrix: {params: [{name: p, value: [a]}], include: [{name: i, params: "
                + "[{name: p, value: z}]}]}",
            DEFAULTS),
        row(
            "include value not a string",
            "name: t\nmatrix: {include: [{name: i, params: [{name: p, value: [a]}]}]}",
            DEFAULTS,
            "matrix.include[0].params[0].value: matrix include param values must be strings"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void matrix(String name, String yaml, FeatureFlags flags, List<String> expected) {
    StringBuilder big = new StringBuilder("name: big\ndefault:\n");
    for (int i = 0; i < 129; i++) {
      big.append("  - v").append(i).append('\n');
    }
    var params =
        Map.of(
            "big",
            RuleTable.yaml(big.toString()),
            "l",
            RuleTable.yaml("{name: l, type: array}"),
            "s",
            RuleTable.yaml("{name: s}"));
    assertThat(RuleTable.lines(MatrixValidation.validate(RuleTable.yaml(yaml), params, flags)))
        .containsExactlyElementsOf(expected);
  }

  // No flags: array and object results are stable since Tekton v0.56.0 (TEP-0075, TEP-0076).
  static Stream<Arguments> results() {
    return Stream.of(
        Arguments.of(
            "string, array, object",
            "- {name: s}\n- {name: a, type: array}\n- {name: o, type: object, "
                + "properties: {k: {}}}",
            List.of()),
        Arguments.of(
            "bad name",
            "- {name: -x}",
            List.of(
                "[0].name: result name '-x' must match "
                    + "^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")),
        Arguments.of(
            "object without properties",
            "- {name: o, type: object}",
            List.of("[0].properties: object result needs properties")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void results(String name, String yaml, List<String> expected) {
    assertThat(RuleTable.lines(ResultValidation.results(RuleTable.yaml(yaml))))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> ref() {
    return Stream.of(
        row("a name", "name: git-clone", DEFAULTS),
        row(
            "not a qualified name",
            "name: git clone",
            DEFAULTS,
            "name: 'git clone' is not a qualified name ([prefix/]"
                + "name of <= 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric)"),
        row("a resolver", "resolver: git\nparams: [{name: url, value: x}]", DEFAULTS),
        row(
            "a resolver under stable",
            "resolver: git\nparams: [{name: url, value: x}]",
            STABLE,
            "params: resolver params need feature flag enable-api-fields: \"beta\"",
            "resolver: resolvers need feature flag enable-api-fields: \"beta\""),
        row(
            "name and params",
            "name: x\nresolver: git\nparams: [{name: url, value: x}]",
            DEFAULTS,
            "name: name and params are exclusive"),
        row(
            "params without resolver",
            "params: [{name: url, value: x}]",
            DEFAULTS,
            "params: ref params need a resolver"),
        row(
            "a URL name without the flag",
            "resolver: bundles\nname: bundle://quay.io/x:1",
            DEFAULTS,
            "name: a URL as name needs feature flag enable-concise-resolver-syntax: \"true\""),
        row(
            "a URL name with the flag",
            "resolver: bundles\nname: bundle://quay.io/x:1",
            DEFAULTS.with(FeatureFlags.ENABLE_CONCISE_RESOLVER_SYNTAX, "true")),
        row("nothing", "kind: Task", DEFAULTS, "name: a ref needs a name or a resolver"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void ref(String name, String yaml, FeatureFlags flags, List<String> expected) {
    assertThat(RuleTable.lines(ContainerValidation.validateRef(RuleTable.yaml(yaml), flags)))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> stepAction() {
    return Stream.of(
        row("a script", "image: x\nparams: [{name: p}]\nscript: echo $(params.p)", DEFAULTS),
        row("no image", "script: echo", DEFAULTS, "image: StepAction image is required"),
        row(
            "undeclared param",
            "image: x\nargs: ['$(params.q)']",
            DEFAULTS,
            "args[0]: $(params.q) names undeclared " + "param 'q'"),
        row(
            "whole array in args",
            "image: x\nparams: [{name: a, type: array}]\nargs: ['$(params.a[*])']",
            DEFAULTS),
        row(
            "script and command",
            "image: x\nscript: echo\ncommand: [sh]",
            DEFAULTS,
            "script: StepAction script and command are exclusive"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void stepAction(String name, String yaml, FeatureFlags flags, List<String> expected) {
    assertThat(RuleTable.lines(StepActionValidation.spec(RuleTable.yaml(yaml), flags)))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> metadata() {
    return Stream.of(
        row("a name", "name: demo", DEFAULTS),
        row("a generateName", "generateName: demo-", DEFAULTS),
        row(
            "upper case",
            "name: Demo",
            DEFAULTS,
            "name: 'Demo' must be a DNS-1123 subdomain of at most 63 characters"),
        row(
            "generateName too long",
            "generateName: " + "a".repeat(60) + "-",
            DEFAULTS,
            "generateName: '"
                + "a".repeat(60)
                + "-' plus 5 generated characters must be a DNS-1123 subdomain of at most 63 characters"),
        row(
            "neither",
            "labels: {a: b}",
            DEFAULTS,
            ": metadata.name or metadata.generateName is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void metadata(String name, String yaml, FeatureFlags flags, List<String> expected) {
    assertThat(RuleTable.lines(MetadataValidation.objectMetadata(RuleTable.yaml(yaml))))
        .containsExactlyElementsOf(expected);
  }
}
