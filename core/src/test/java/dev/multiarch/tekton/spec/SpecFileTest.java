package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildResources;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuildTimeouts;
import dev.multiarch.tekton.Destination;
import dev.multiarch.tekton.ImageFormat;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.NodeToleration;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.Source;
import dev.multiarch.tekton.SpecFile;
import dev.multiarch.tekton.SpecFileException;
import dev.multiarch.tekton.WorkspaceClaim;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFileTest {

  static final String MINIMAL =
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

  @TempDir Path dir;

  static BuildSpec parse(String yaml) {
    return SpecFile.parse(yaml, "multiarch.yaml");
  }

  static SpecFileException failure(String yaml) {
    try {
      parse(yaml);
    } catch (SpecFileException e) {
      return e;
    }
    throw new AssertionError("expected a SpecFileException");
  }

  @Test
  void read_fullExample_givesEveryField() throws URISyntaxException {
    Path file = Path.of(SpecFileTest.class.getResource("/spec/full.yaml").toURI());

    BuildSpec spec = SpecFile.read(file);

    Map<String, String> selector = new LinkedHashMap<>();
    selector.put("kubernetes.io/arch", "arm64");
    selector.put("node-role.kubernetes.io/arm-builder", "");
    Map<String, String> args = new LinkedHashMap<>();
    args.put("VERSION", "1.2");
    args.put("GREETING", "Hello, \"world\" $(id) `date`; echo");
    BuildSpec expected =
        BuildSpec.builder()
            .name("hello")
            .namespace("demo")
            .platforms(
                List.of(
                    Platform.parse("linux/amd64"),
                    Platform.parse("linux/arm64"),
                    Platform.parse("linux/arm/v7")))
            .nodePlatform(Platform.parse("linux/amd64"))
            .nativePlatforms(
                List.of(
                    new NativePlatform(
                        Platform.parse("linux/arm64"),
                        selector,
                        List.of(new NodeToleration("arch", "Equal", "arm64", "NoSchedule")))))
            .source(
                new Source(
                    "https://github.com/example/hello.git",
                    "main",
                    "app",
                    "Containerfile.multiarch",
                    args,
                    "git-https",
                    "git-ssh"))
            .imageStream(new ImageStreamTarget("hello-arch", "v1.2"))
            .stagingRepository("quay.io/example/hello-staging")
            .destination(
                new Destination(
                    "quay.io/example/hello", List.of("1.2", "latest", "1"), "quay-push"))
            .builderImage("quay.io/multiarch-tekton/buildah-qemu:1.39.0-1")
            .serviceAccount("pipeline")
            .buildSecret("npm-token")
            .caBundle("config-trusted-cabundle")
            .pacMaxKeepRuns(10)
            .proxy(
                new dev.multiarch.tekton.Proxy(
                    "http://proxy.example.com:3128",
                    "http://proxy.example.com:3128",
                    ".cluster.local,.svc,10.0.0.0/16"))
            .cache(new dev.multiarch.tekton.LayerCache("quay.io/example/hello-cache", true))
            .binfmtImage("docker.io/tonistiigi/binfmt:qemu-v9.2.2")
            .placement(Placement.DAEMONSET)
            .emulationNodeSelector(Map.of("pool", "emulation"))
            .format(ImageFormat.DOCKER)
            .cleanupEmulators(true)
            .inlineTasks(true)
            .timeouts(
                new BuildTimeouts(
                    Duration.ofMinutes(90), Duration.ofMinutes(20), Duration.ofHours(5)))
            .retries(2)
            .resources(new BuildResources("2", "4Gi", "20Gi", "3"))
            .workspace(new WorkspaceClaim("gp3-csi", "5Gi"))
            .build();
    assertThat(spec).isEqualTo(expected);
    assertThat(spec.nativePlatforms().get(0).nodeSelector().keySet())
        .containsExactly("kubernetes.io/arch", "node-role.kubernetes.io/arm-builder");
    assertThat(spec.source().buildArgs().keySet()).containsExactly("VERSION", "GREETING");
  }

  @Test
  void readBuilder_fileWithoutMetadataOrDestination_givesItsValuesForTheCallerToComplete()
      throws IOException {
    // Given a file that leaves the required metadata and destination to its caller
    Path file =
        Files.writeString(
            dir.resolve("partial.yaml"),
            """
        apiVersion: multiarch-tekton.dev/v1alpha1
        kind: MultiArchBuild
        spec:
          platforms: [linux/amd64, linux/s390x]
          format: docker
        """);

    // When
    BuildSpec.Builder builder = SpecFile.readBuilder(file);

    // Then what it sets is there, and build() names what is still missing
    assertThat(builder.name()).isNull();
    assertThat(builder.destination()).isNull();
    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("metadata.name: '' is not allowed");
    BuildSpec spec =
        builder
            .name("web")
            .namespace("team")
            .destination(Destination.of("quay.io/example/web:1", null, null))
            .build();
    assertThat(spec.platforms()).hasToString("[linux/amd64, linux/s390x]");
    assertThat(spec.format()).isEqualTo(ImageFormat.DOCKER);
    assertThatThrownBy(() -> SpecFile.read(file))
        .isInstanceOf(SpecFileException.class)
        .hasMessage(file + ":1: metadata: required");
  }

  @Test
  void parse_minimal_appliesDefaults() {
    BuildSpec spec = parse(MINIMAL);

    assertThat(spec)
        .isEqualTo(
            BuildSpec.builder()
                .name("hello")
                .namespace("demo")
                .platforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))
                .destination(Destination.parse("quay.io/example/hello"))
                .build());
    assertThat(spec.imageStream()).isEqualTo(new ImageStreamTarget("hello", "latest"));
  }

  @Test
  void parse_withImageStreamTagOnly_namesStreamAfterSpec() {
    BuildSpec spec = parse(MINIMAL + "  imageStream:\n    tag: v2\n");

    assertThat(spec.imageStream()).isEqualTo(new ImageStreamTarget("hello", "v2"));
  }

  @Test
  void parse_withNumericScalars_readsThemAsWritten() {
    BuildSpec spec =
        parse(
            MINIMAL.replace(
                    "image: quay.io/example/hello",
                    "image: quay.io/example/hello\n" + "    tags: [1.10, 2]")
                + "  source:\n    buildArgs:\n      VERSION: 1.20\n      DEBUG: true\n");

    assertThat(spec.destination().tags()).containsExactly("1.10", "2");
    assertThat(spec.source().buildArgs())
        .containsExactly(Map.entry("VERSION", "1.20"), Map.entry("DEBUG", "true"));
  }

  @Test
  void parse_withHostileButLegalBuildArgs_keepsThemUnchanged() {
    BuildSpec spec =
        parse(
            MINIMAL
                + """
          source:
            buildArgs:
              QUOTES: "it's \\"quoted\\""
              SUBST: '$(id) ${HOME}'
              TICKS: '`id`'
              SEMI: 'a; rm -rf / # not a comment'
        """);

    assertThat(spec.source().buildArgs())
        .containsExactly(
            Map.entry("QUOTES", "it's \"quoted\""),
            Map.entry("SUBST", "$(id) ${HOME}"),
            Map.entry("TICKS", "`id`"),
            Map.entry("SEMI", "a; rm -rf / # not a comment"));
  }

  @Test
  void parse_withNewlineInBuildArg_namesItsLine() {
    SpecFileException e =
        failure(
            MINIMAL
                + """
          source:
            buildArgs:
              OK: fine
              BAD: "one\\ntwo"
        """);

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:13: spec.source.buildArgs.BAD: 'one\\ntwo' is not allowed; "
                + "expected a value of at most 4096 characters without control characters such as newlines or tabs");
  }

  @Test
  void parse_withBadBuildArgName_namesTheKeysLine() {
    SpecFileException e =
        failure(MINIMAL + "  source:\n    buildArgs:\n      OK: x\n      1BAD: y\n");

    assertThat(e.line()).isEqualTo(13);
    assertThat(e.field()).isEqualTo("spec.source.buildArgs");
  }

  @Test
  void parse_pacMaxKeepRuns_isRead_andABadOneNamesItsLine() {
    assertThat(parse(MINIMAL + "  pac:\n    maxKeepRuns: 3\n").pacMaxKeepRuns()).isEqualTo(3);
    assertThat(parse(MINIMAL).pacMaxKeepRuns()).isEqualTo(5);

    SpecFileException e = failure(MINIMAL + "  pac:\n    maxKeepRuns: 0\n");

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:11: spec.pac.maxKeepRuns: '0' is not allowed; expected a whole number"
                + " of runs, 1 to 9999");
  }

  @Test
  void parse_withUnknownField_namesFieldAndLine() {
    SpecFileException e = failure(MINIMAL.replace("platforms:", "platfroms:"));

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:7: spec.platfroms: unknown field; did you mean 'platforms'? known: "
                + "platforms, nodePlatform, native, source, imageStream, staging, destination, proxy, caBundle, serviceAccount, builderImage, binfmtImage, "
                + "placement, emulationNodeSelector, format, cleanupEmulators, inlineTasks, timeouts, retries, resources, "
                + "workspace, pac, crossCompiled, cache");
    assertThat(e.file()).isEqualTo("multiarch.yaml");
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.field()).isEqualTo("spec.platfroms");
  }

  @Test
  void parse_withUnrelatedUnknownField_listsKnownFieldsOnly() {
    SpecFileException e =
        failure(MINIMAL.replace("  namespace: demo", "  namespace: demo\n  labels: {}"));

    assertThat(e)
        .hasMessage("multiarch.yaml:6: metadata.labels: unknown field; known: name, namespace");
  }

  @Test
  void parse_withMapWhereListExpected_namesType() {
    SpecFileException e =
        failure(
            MINIMAL.replace(
                "platforms: [linux/amd64, linux/arm64]", "platforms:\n    amd64: linux/amd64"));

    assertThat(e)
        .hasMessage("multiarch.yaml:8: spec.platforms: expected a list of strings, got a map");
  }

  @Test
  void parse_withStringWhereListExpected_namesType() {
    SpecFileException e =
        failure(MINIMAL.replace("platforms: [linux/amd64, linux/arm64]", "platforms: linux/amd64"));

    assertThat(e)
        .hasMessage("multiarch.yaml:7: spec.platforms: expected a list of strings, got a string");
  }

  @Test
  void parse_withListWhereStringExpected_namesType() {
    SpecFileException e = failure(MINIMAL.replace("name: hello", "name: [hello]"));

    assertThat(e).hasMessage("multiarch.yaml:4: metadata.name: expected a string, got a list");
  }

  @Test
  void parse_withNestedListInPlatforms_namesItem() {
    SpecFileException e =
        failure(MINIMAL.replace("[linux/amd64, linux/arm64]", "[linux/amd64, [linux/arm64]]"));

    assertThat(e).hasMessage("multiarch.yaml:7: spec.platforms[1]: expected a string, got a list");
  }

  @Test
  void parse_withStringWhereMapExpected_namesType() {
    SpecFileException e = failure(MINIMAL + "  source: https://github.com/example/hello.git\n");

    assertThat(e).hasMessage("multiarch.yaml:10: spec.source: expected a map, got a string");
  }

  @Test
  void parse_withBadBoolean_rejects() {
    SpecFileException e = failure(MINIMAL + "  cleanupEmulators: yes\n");

    assertThat(e)
        .hasMessage("multiarch.yaml:10: spec.cleanupEmulators: expected true or false, got 'yes'");
  }

  @Test
  void parse_withoutDestinationImage_reportsRequiredAtParentLine() {
    SpecFileException e =
        failure(
            MINIMAL.replace(
                "    image: quay.io/example/hello", "    credentialsSecret: quay-push"));

    assertThat(e).hasMessage("multiarch.yaml:8: spec.destination.image: required");
  }

  @Test
  void parse_withoutMetadata_reportsRequired() {
    SpecFileException e =
        failure(MINIMAL.replace("metadata:\n  name: hello\n  namespace: demo\n", ""));

    assertThat(e).hasMessage("multiarch.yaml:1: metadata: required");
  }

  @Test
  void parse_withEmptyPlatformValue_reportsRequired() {
    SpecFileException e = failure(MINIMAL.replace(" [linux/amd64, linux/arm64]", ""));

    assertThat(e).hasMessage("multiarch.yaml:6: spec.platforms: required");
  }

  @Test
  void parse_withEmptyPlatformList_rejectsAtItsLine() {
    SpecFileException e = failure(MINIMAL.replace("[linux/amd64, linux/arm64]", "[]"));

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:7: spec.platforms: '[]' is not allowed; expected at least one "
                + "platform, such as linux/amd64");
  }

  @Test
  void parse_withUnknownPlatform_namesItemAndLine() {
    SpecFileException e =
        failure(
            MINIMAL.replace(
                "platforms: [linux/amd64, linux/arm64]",
                "platforms:\n    - linux/amd64\n    - linux/arm64\n    - linux/ppc"));

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:10: spec.platforms[2]: 'linux/ppc' is not allowed; expected a "
                + "known platform: linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/ppc64le, linux/s390x, "
                + "linux/riscv64, linux/386, linux/mips64le");
    assertThat(e.field()).isEqualTo("spec.platforms[2]");
  }

  @Test
  void parse_withDuplicatePlatform_namesItemLine() {
    SpecFileException e =
        failure(
            MINIMAL.replace(
                "platforms: [linux/amd64, linux/arm64]",
                "platforms:\n    - linux/arm64\n    - linux/amd64\n    - linux/arm64"));

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:10: spec.platforms[2]: 'linux/arm64' is not allowed; expected each "
                + "platform once; it is already spec.platforms[0]");
  }

  @Test
  void parse_withBadNodePlatform_namesField() {
    SpecFileException e = failure(MINIMAL + "  nodePlatform: linux/sparc\n");

    assertThat(e.line()).isEqualTo(10);
    assertThat(e.field()).isEqualTo("spec.nodePlatform");
  }

  @Test
  void parse_withBadDestination_namesImageLine() {
    SpecFileException e =
        failure(MINIMAL.replace("quay.io/example/hello", "Quay.io/Example/Hello"));

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:9: spec.destination.image: 'Quay.io/Example/Hello' is not allowed; "
                + "expected "
                + DestinationValidationTest.IMAGE_ALLOWED);
  }

  @Test
  void parse_withDestinationDigest_explainsIt() {
    String image = "quay.io/example/hello@sha256:" + "b".repeat(64);

    SpecFileException e = failure(MINIMAL.replace("quay.io/example/hello", image));

    assertThat(e.getMessage()).endsWith("a digest cannot be pushed to");
    assertThat(e.line()).isEqualTo(9);
  }

  @Test
  void parse_withBadDestinationTag_namesTagAndLine() {
    SpecFileException e =
        failure(
            MINIMAL.replace(
                "image: quay.io/example/hello",
                "image: quay.io/example/hello:1.2\n    tags:\n      - latest\n      - -bad"));

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:12: spec.destination.tags[1]: '-bad' is not allowed; expected "
                + DestinationValidationTest.TAG_ALLOWED);
  }

  @Test
  void parse_withBadPlacement_listsChoices() {
    SpecFileException e = failure(MINIMAL + "  placement: anywhere\n");

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:10: spec.placement: 'anywhere' is not allowed; expected one of "
                + "same-node, in-pod, daemonset");
  }

  @Test
  void parse_withBadFormat_listsChoices() {
    SpecFileException e = failure(MINIMAL + "  format: v2s2\n");

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:10: spec.format: 'v2s2' is not allowed; expected one of oci, docker");
  }

  @Test
  void parse_withBadName_namesLine() {
    SpecFileException e = failure(MINIMAL.replace("name: hello", "name: Hello_World"));

    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage())
        .startsWith("multiarch.yaml:4: metadata.name: 'Hello_World' is not allowed; ");
  }

  @Test
  void parse_withGitRevisionButNoUrl_reportsUrlRequired() {
    SpecFileException e = failure(MINIMAL + "  source:\n    git:\n      revision: main\n");

    assertThat(e).hasMessage("multiarch.yaml:11: spec.source.git.url: required");
  }

  @Test
  void parse_withBadGitUrl_namesLine() {
    SpecFileException e = failure(MINIMAL + "  source:\n    git:\n      url: '--upload-pack=id'\n");

    assertThat(e.line()).isEqualTo(12);
    assertThat(e.field()).isEqualTo("spec.source.git.url");
  }

  @Test
  void parse_withWrongApiVersion_namesExpected() {
    SpecFileException e = failure(MINIMAL.replace("v1alpha1", "v1"));

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:1: apiVersion: 'multiarch-tekton.dev/v1' is not allowed; expected "
                + "multiarch-tekton.dev/v1alpha1");
  }

  @Test
  void parse_withWrongKind_namesExpected() {
    SpecFileException e = failure(MINIMAL.replace("kind: MultiArchBuild", "kind: Pipeline"));

    assertThat(e)
        .hasMessage("multiarch.yaml:2: kind: 'Pipeline' is not allowed; expected MultiArchBuild");
  }

  @Test
  void parse_withDuplicateKey_namesBothLines() {
    SpecFileException e =
        failure(MINIMAL.replace("  namespace: demo", "  namespace: demo\n  name: other"));

    assertThat(e)
        .hasMessage("multiarch.yaml:6: metadata.name: duplicate field; first given at line 4");
  }

  @Test
  void parse_emptyText_saysEmpty() {
    assertThat(failure("# nothing here\n"))
        .hasMessage("multiarch.yaml: empty; expected a MultiArchBuild document");
  }

  @Test
  void parse_listDocument_saysMapExpected() {
    assertThat(failure("- a\n- b\n")).hasMessage("multiarch.yaml:1: expected a map, got a list");
  }

  @Test
  void parse_twoDocuments_rejectsOnOneLine() {
    SpecFileException e = failure(MINIMAL + "---\n" + MINIMAL);

    assertThat(e.getMessage())
        .doesNotContain("\n")
        .startsWith("multiarch.yaml:10: not valid YAML: ");
    assertThat(e.line()).isEqualTo(10);
  }

  @Test
  void parse_brokenYaml_reportsOneLineWithLine() {
    SpecFileException e =
        failure(
            MINIMAL.replace(
                "platforms: [linux/amd64, linux/arm64]", "platforms: [linux/amd64, linux/arm64"));

    assertThat(e.getMessage()).doesNotContain("\n").startsWith("multiarch.yaml:");
    assertThat(e.getMessage()).contains("not valid YAML: ");
    assertThat(e.line()).isPositive();
  }

  @Test
  void read_missingFile_saysCannotRead() {
    Path file = dir.resolve("multiarch.yaml");

    assertThatThrownBy(() -> SpecFile.read(file))
        .isInstanceOf(SpecFileException.class)
        .hasMessage(file + ": cannot read: no such file or folder");
  }

  @Test
  void read_directory_saysCannotRead() {
    assertThatThrownBy(() -> SpecFile.read(dir))
        .isInstanceOf(SpecFileException.class)
        .hasMessageStartingWith(dir + ": cannot read: ")
        .extracting(e -> ((SpecFileException) e).line())
        .isEqualTo(0);
  }

  @Test
  void read_existingFile_namesFileInMessages() throws IOException {
    Path file = dir.resolve("build.yaml");
    Files.writeString(file, MINIMAL.replace("name: hello", "name: -x"));

    assertThatThrownBy(() -> SpecFile.read(file))
        .hasMessageStartingWith(file + ":4: metadata.name: '-x' is not allowed");
  }
}
