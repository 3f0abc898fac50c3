package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.SpecField;
import dev.multiarch.tekton.SpecFile;
import dev.multiarch.tekton.SpecFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flags onto the spec builder: what each flag sets over a spec file, and which flag an error names.
 */
class SpecFlagsTest {

  static final String FILE =
      """
      apiVersion: multiarch-tekton.dev/v1alpha1
      kind: MultiArchBuild
      metadata:
        name: hello
        namespace: demo
      spec:
        platforms: [linux/amd64, linux/arm64]
        native:
          - platform: linux/arm64
        source:
          buildArgs: {A: file, B: file}
        imageStream:
          tag: v1
        destination:
          image: quay.io/example/hello:1.0
          tags: [latest]
          credentialsSecret: quay-push
        placement: daemonset
        emulationNodeSelector: {pool: file}
        timeouts:
          manifest: 20m
        resources:
          build: {memory: 4Gi}
        workspace: {size: 3Gi}
      """;

  @TempDir Path dir;

  static SpecFlags flags(String... args) {
    Options options = new Options();
    GenerateCommand.addSpecFlags(options);
    return SpecFlags.from(CommandLines.parse("generate", options, args));
  }

  BuildSpec specWithFile(String... args) throws IOException {
    return flags(args).spec(Optional.of(Files.writeString(dir.resolve("multiarch.yaml"), FILE)));
  }

  static Stream<Arguments> flagsOverAFile() {
    return Stream.of(
        Arguments.of(
            List.of(),
            (Function<BuildSpec, Object>) s -> s.platforms().toString(),
            "[linux/amd64, linux/arm64]"),
        Arguments.of(
            List.of("--platforms", "linux/arm64,linux/s390x"),
            (Function<BuildSpec, Object>) s -> s.platforms() + " " + s.nativePlatforms().size(),
            "[linux/arm64, linux/s390x] 1"),
        Arguments.of(
            List.of("--namespace", "ci"), (Function<BuildSpec, Object>) BuildSpec::namespace, "ci"),
        Arguments.of(
            List.of("--name", "hello2"),
            (Function<BuildSpec, Object>) s -> s.imageStream().toString(),
            "ImageStreamTarget[name=hello2, tag=v1, importIndex=false]"),
        Arguments.of(
            List.of("--tag", "v2"),
            (Function<BuildSpec, Object>) s -> s.imageStream().toString(),
            "ImageStreamTarget[name=hello, tag=v2, importIndex=false]"),
        Arguments.of(
            List.of("--name", "hello2", "--image-stream", "arch"),
            (Function<BuildSpec, Object>) s -> s.imageStream().toString(),
            "ImageStreamTarget[name=arch, tag=v1, importIndex=false]"),
        Arguments.of(
            List.of("--import-index", "--tag", "v3"),
            (Function<BuildSpec, Object>) s -> s.imageStream().toString(),
            "ImageStreamTarget[name=hello, tag=v3, importIndex=true]"),
        Arguments.of(
            List.of("--import-index", "--name", "hello2"),
            (Function<BuildSpec, Object>) s -> s.imageStream().toString(),
            "ImageStreamTarget[name=hello2, tag=v1, importIndex=true]"),
        Arguments.of(
            List.of("--build-arg", "B=flag", "--build-arg", "C=flag"),
            (Function<BuildSpec, Object>) s -> s.source().buildArgs().toString(),
            "{A=file, B=flag, C=flag}"),
        Arguments.of(
            List.of("--git-url", "https://example.com/x.git"),
            (Function<BuildSpec, Object>) s -> s.source().gitUrl() + " " + s.source().buildArgs(),
            "https://example.com/x.git {A=file, B=file}"),
        Arguments.of(
            List.of("--tags", "stable,2"),
            (Function<BuildSpec, Object>) s -> s.destination().toString(),
            "Destination[repository=quay.io/example/hello, tags=[1.0, stable, 2], credentialsSecret=quay-push]"),
        Arguments.of(
            List.of("--destination", "quay.io/other/hi:2.0"),
            (Function<BuildSpec, Object>) s -> s.destination().toString(),
            "Destination[repository=quay.io/other/hi, tags=[2.0, latest], credentialsSecret=quay-push]"),
        Arguments.of(
            List.of("--service-account", "pipeline"),
            (Function<BuildSpec, Object>) BuildSpec::serviceAccount,
            "pipeline"),
        Arguments.of(
            List.of("--credentials-secret", "other"),
            (Function<BuildSpec, Object>) s -> s.destination().credentialsSecret(),
            "other"),
        Arguments.of(
            List.of("--emulation-node-selector", "zone=a"),
            (Function<BuildSpec, Object>) s -> s.emulationNodeSelector().toString(),
            "{pool=file, zone=a}"),
        Arguments.of(
            List.of("--build-timeout", "90m"),
            (Function<BuildSpec, Object>) s -> s.timeouts().toString(),
            "BuildTimeouts[build=PT1H30M, manifest=PT20M, pipeline=null]"),
        Arguments.of(
            List.of("--build-cpu", "2"),
            (Function<BuildSpec, Object>) s -> s.resources().toString(),
            "BuildResources[cpu=2, memory=4Gi, ephemeralStorage=10Gi, cpuLimit=]"),
        Arguments.of(
            List.of("--build-cpu-limit", "4"),
            (Function<BuildSpec, Object>) s -> s.resources().toString(),
            "BuildResources[cpu=1, memory=4Gi, ephemeralStorage=10Gi, cpuLimit=4]"),
        Arguments.of(
            List.of(),
            (Function<BuildSpec, Object>)
                s -> s.workspace() + " " + s.usesImageStream() + " " + s.perArchRepository(),
            "WorkspaceClaim[storageClassName=, size=3Gi] true"
                + " image-registry.openshift-image-registry.svc:5000/demo/hello"),
        Arguments.of(
            List.of("--storage-class", "gp3-csi"),
            (Function<BuildSpec, Object>) s -> s.workspace().toString(),
            "WorkspaceClaim[storageClassName=gp3-csi, size=3Gi]"),
        Arguments.of(
            List.of("--workspace-size", "10Gi", "--storage-class", "lvms-vg1"),
            (Function<BuildSpec, Object>) s -> s.workspace().toString(),
            "WorkspaceClaim[storageClassName=lvms-vg1, size=10Gi]"),
        Arguments.of(
            List.of("--staging-repository", "quay.io/example/hello-staging"),
            (Function<BuildSpec, Object>)
                s ->
                    s.usesImageStream() + " " + s.perArchRepository() + " " + s.imageStream().tag(),
            "false quay.io/example/hello-staging v1"),
        Arguments.of(
            List.of("--retries", "3", "--format", "docker", "--inline-tasks"),
            (Function<BuildSpec, Object>)
                s -> s.retries() + " " + s.format() + " " + s.inlineTasks(),
            "3 docker true"),
        Arguments.of(
            List.of(
                "--native", "linux/arm64", "--native-toleration", "linux/arm64:arch:NoSchedule"),
            (Function<BuildSpec, Object>) s -> s.nativePlatforms().get(0).tolerations().toString(),
            "[NodeToleration[key=arch, operator=Exists, value=, effect=NoSchedule]]"));
  }

  @ParameterizedTest
  @MethodSource("flagsOverAFile")
  void spec_flagOverAFile_setsItsFieldAndKeepsTheRest(
      List<String> args, Function<BuildSpec, Object> read, String expected) throws IOException {
    assertThat(read.apply(specWithFile(args.toArray(String[]::new)))).hasToString(expected);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "spec.platforms[1]",
            List.of("--platforms", "linux/amd64"),
            "--platforms: 'x' is not allowed;" + " expected y"),
        Arguments.of(
            "spec.native[1].tolerations[0].effect",
            List.of("--native-toleration", "linux/arm64:a"),
            "--native-toleration: 'x' is not allowed; expected y"),
        Arguments.of(
            "spec.native[0].nodeSelector",
            List.of("--native-node-selector", "linux/arm64:a=b"),
            "--native-node-selector: 'x' is not allowed; expected y"),
        Arguments.of(
            "spec.native[0].platform",
            List.of("--native", "linux/arm64"),
            "--native: 'x' is not allowed; expected y"),
        Arguments.of(
            "spec.destination.tags[0]",
            List.of("--tags", "a"),
            "--tags: 'x' is not allowed; expected y"),
        Arguments.of(
            "spec.native[0].platform",
            List.of("--platforms", "linux/amd64"),
            "spec.native[0].platform: 'x' is not allowed; expected y"),
        Arguments.of(
            "--build-arg",
            List.of("--build-arg", "A=1"),
            "--build-arg: 'x' is not allowed; expected y"),
        Arguments.of(
            "spec.destination.image",
            List.of("--name", "a"),
            "command line: --destination: required (or"
                + " give a spec file with -f that sets spec.destination.image)"),
        Arguments.of(
            "metadata.namespace",
            List.of("--name", "a"),
            "command line: --namespace: required (or give a"
                + " spec file with -f that sets metadata.namespace)"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void explained_errorPathWithoutAFile_namesTheFlag(
      String field, List<String> args, String message) {
    String value = message.contains("required") ? "" : "x";

    RuntimeException explained =
        flags(args.toArray(String[]::new))
            .explained(new InvalidValueException(field, value, "y"), Optional.empty());

    assertThat(explained).hasMessage(message);
  }

  static Stream<Arguments> fileValuesTheFlagsMadeInvalid() {
    return Stream.of(
        Arguments.of(
            List.of("--platforms", "linux/amd64"),
            "9: spec.native[0].platform: 'linux/arm64' is not"
                + " allowed; expected one of spec.platforms: linux/amd64"),
        Arguments.of(
            List.of("--placement", "in-pod"),
            "19: spec.emulationNodeSelector: 'pool' is not allowed;"
                + " expected no emulationNodeSelector with placement in-pod: it picks the emulator DaemonSet's nodes, in"
                + " placement daemonset only"));
  }

  @ParameterizedTest
  @MethodSource("fileValuesTheFlagsMadeInvalid")
  void spec_fileValueTheFlagsMadeInvalid_namesTheFileLine(List<String> args, String message)
      throws IOException {
    Path file = Files.writeString(dir.resolve("multiarch.yaml"), FILE);

    Throwable e = catchThrowable(() -> flags(args.toArray(String[]::new)).spec(Optional.of(file)));

    assertThat(e).hasMessage(file + ":" + message);
  }

  static Stream<Arguments> destinationFlagsOverAnUntaggedImage() {
    return Stream.of(
        Arguments.of(List.of(), "[latest]"),
        Arguments.of(List.of("--tags", "stable"), "[stable]"),
        Arguments.of(List.of("--destination", "quay.io/example/web:2"), "[2]"),
        Arguments.of(
            List.of("--destination", "quay.io/example/web:2", "--tags", "stable"), "[2, stable]"));
  }

  @ParameterizedTest
  @MethodSource("destinationFlagsOverAnUntaggedImage")
  void spec_destinationFlagsOverAnUntaggedImage_replaceTheDefaultTag(List<String> args, String tags)
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("multiarch.yaml"),
            FILE.replace("hello:1.0\n    tags: [latest]\n", "web\n"));

    BuildSpec spec = flags(args.toArray(String[]::new)).spec(Optional.of(file));

    assertThat(spec.destination().tags()).hasToString(tags);
  }

  static Stream<Arguments> partialFiles() {
    return Stream.of(
        Arguments.of(
            "no destination",
            FILE.replace(
                """
              destination:
                image: quay.io/example/hello:1.0
                tags: [latest]
                credentialsSecret: quay-push
            """,
                ""),
            List.of("--destination", "quay.io/example/web:2"),
            (Function<BuildSpec, Object>) spec -> spec.destination().image() + " " + spec.name(),
            "quay.io/example/web:2 hello"),
        Arguments.of(
            "no metadata",
            FILE.replace(
                    """
            metadata:
              name: hello
              namespace: demo
            """,
                    "")
                .replace("  imageStream:\n    tag: v1\n", ""),
            List.of("--name", "web", "--namespace", "team"),
            (Function<BuildSpec, Object>)
                spec -> spec.name() + " " + spec.namespace() + " " + spec.imageStream(),
            "web team ImageStreamTarget[name=web, tag=latest, importIndex=false]"),
        Arguments.of(
            "no platforms",
            FILE.replace("  platforms: [linux/amd64, linux/arm64]\n", ""),
            List.of("--platforms", "linux/amd64,linux/arm64,linux/s390x"),
            (Function<BuildSpec, Object>) spec -> spec.platforms() + " " + spec.placement(),
            "[linux/amd64, linux/arm64, linux/s390x] daemonset"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("partialFiles")
  void spec_requiredFieldLeftOutOfTheFileButGivenAsFlag_isTakenFromTheFlag(
      String name,
      String text,
      List<String> args,
      Function<BuildSpec, Object> read,
      String expected)
      throws IOException {
    Path file = Files.writeString(dir.resolve("multiarch.yaml"), text);

    BuildSpec spec = flags(args.toArray(String[]::new)).spec(Optional.of(file));

    assertThat(read.apply(spec)).hasToString(expected);
  }

  @Test
  void spec_requiredFieldLeftOutOfTheFileAndNoFlag_isTheFilesProblemAsReadAlone()
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("multiarch.yaml"),
            FILE.replace(
                """
          destination:
            image: quay.io/example/hello:1.0
            tags: [latest]
            credentialsSecret: quay-push
        """,
                ""));
    Throwable alone = catchThrowable(() -> SpecFile.read(file));

    Throwable withFlags = catchThrowable(() -> flags("--name", "web").spec(Optional.of(file)));

    assertThat(alone)
        .isInstanceOf(SpecFileException.class)
        .hasMessageContaining("spec.destination: required");
    assertThat(withFlags).isInstanceOf(SpecFileException.class).hasMessage(alone.getMessage());
  }

  static Stream<Arguments> badFlagsOverAFile() {
    return Stream.of(
        Arguments.of(
            List.of("--name", "Bad_Name"),
            "--name: 'Bad_Name' is not allowed; expected a DNS-1123 label"),
        Arguments.of(
            List.of("--name", "hello2", "--tag", "-x"),
            "--tag: '-x' is not allowed; expected an image tag"),
        Arguments.of(
            List.of("--image-stream", "Bad"),
            "--image-stream: 'Bad' is not allowed; expected a DNS-1123"),
        Arguments.of(
            List.of("--tags", "a,a"), "--tags: 'a' is not allowed; expected each tag once"),
        Arguments.of(
            List.of("--build-timeout", "soon"), "--build-timeout: 'soon' is not allowed; expected"),
        Arguments.of(List.of("--retries", "9"), "--retries: '9' is not allowed; expected 0 to 5"),
        Arguments.of(
            List.of("--staging-repository", "quay.io/example/hello:1"),
            "--staging-repository: 'quay.io/example/hello:1' is not allowed; expected an image"
                + " repository without tag or digest"),
        Arguments.of(
            List.of("--storage-class", "Fast_SSD"),
            "--storage-class: 'Fast_SSD' is not allowed; expected a DNS-1123 subdomain"),
        Arguments.of(
            List.of("--workspace-size", "0"),
            "--workspace-size: '0' is not allowed; expected a positive Kubernetes quantity"));
  }

  @ParameterizedTest
  @MethodSource("badFlagsOverAFile")
  void spec_badFlagOverAFile_namesTheFlag(List<String> args, String message) {
    assertThat(catchThrowable(() -> specWithFile(args.toArray(String[]::new))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void spec_badFlagValueOverAFile_namesTheFlag() throws IOException {
    Throwable e =
        catchThrowable(
            () -> specWithFile("--placement", "in-pod", "--emulation-node-selector", "a=b"));

    assertThat(e)
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith(
            "--emulation-node-selector: 'pool,a'"
                + " is not allowed; expected no emulationNodeSelector with placement in-pod");
  }

  @ParameterizedTest
  @EnumSource(SpecField.class)
  void everySpecField_hasOneFlagOrIsFileOnly(SpecField field) {
    long flags = Arrays.stream(Flag.values()).filter(flag -> flag.field == field).count();

    assertThat(flags).as(field.path()).isEqualTo(Flag.FILE_ONLY.contains(field) ? 0 : 1);
    assertThat(Flag.of(field).map(flag -> flag.field))
        .isEqualTo(Flag.FILE_ONLY.contains(field) ? Optional.empty() : Optional.of(field));
  }
}
