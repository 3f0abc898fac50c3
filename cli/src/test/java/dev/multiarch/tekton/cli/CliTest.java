package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import io.fabric8.tekton.v1.Pipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line: what it prints, what it writes, and its one-line errors with exit code 2. */
class CliTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");
  private static final String KNOWN =
      "linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/ppc64le, "
          + "linux/s390x, linux/riscv64, linux/386, linux/mips64le";

  @TempDir Path tmp;

  /** One run of the command, with what it printed. */
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Cli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void generate_specFile_printsTheSameYamlAsTheApi() {
    Result result = run("generate", "-f", HELLO.toString());

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo(MultiArchTekton.fromSpecFile(HELLO).generate().toYaml());
  }

  @Test
  void generate_flags_overrideTheSpecFile() {
    Result result =
        run(
            "generate",
            "-f",
            HELLO.toString(),
            "--platforms",
            "linux/amd64,linux/arm/v7",
            "--name",
            "hello2",
            "--build-arg",
            "A=1",
            "--build-arg",
            "B=two words",
            "--placement",
            "in-pod");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("name: hello2\n")
        .contains("- linux/arm/v7\n")
        .doesNotContain("- linux/arm64\n")
        .contains("- A=1\n", "- B=two words\n")
        .contains("name: multiarch-buildah-in-pod\n");
  }

  @Test
  void generate_flagsAlone_needNoSpecFile() {
    Result result =
        run(
            "generate",
            "--name",
            "solo",
            "--namespace",
            "ci",
            "--platforms",
            "linux/amd64,linux/s390x",
            "--destination",
            "quay.io/org/solo:2.0",
            "--tags",
            "latest");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("default: 2.0 latest\n", "- linux/s390x\n", "namespace: ci\n");
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of(
            List.of("--platforms", "linux/amd64,linux/ppc"),
            "--platforms: 'linux/ppc' is not allowed; expected a known platform: " + KNOWN),
        Arguments.of(
            List.of("--platforms", "linux/amd64,,linux/arm64"),
            "--platforms: '' is not allowed; expected a platform os/arch[/variant], one of "
                + KNOWN),
        Arguments.of(
            List.of("--name", "Bad_Name"),
            "--name: 'Bad_Name' is not allowed; expected a DNS-1123 label of at most 57 characters: lowercase "
                + "letters, digits and '-', starting and ending with a letter or digit"),
        Arguments.of(
            List.of("--build-arg", "NOEQUALS"),
            "--build-arg: 'NOEQUALS' is not allowed; expected KEY=VALUE"),
        Arguments.of(
            List.of("--git-url", "https://alice:ghp_s3cret@github.com/org/app.git"),
            "--git-url: 'https://***@github.com/org/app.git' is not allowed; expected a URL without"
                + " a user name, password or token: give git's credentials as the .git-credentials"
                + " of the basic-auth workspace's Secret (spec.source.git.credentialsSecret)"),
        Arguments.of(
            List.of("--git-url", "https://github.com/org/app.git", "--git-ssh-secret", "Git_Key"),
            "--git-ssh-secret: 'Git_Key' is not allowed; expected a DNS-1123 subdomain of at most"
                + " 253 characters: lowercase letters, digits, '-' and '.', starting and ending with a"
                + " letter or digit"),
        Arguments.of(
            List.of("--placement", "anywhere"),
            "--placement: 'anywhere' is not allowed; expected one of same-node, in-pod, daemonset"),
        Arguments.of(
            List.of("--bogus"), "generate: Unrecognized option: --bogus (see generate --help)"));
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void generate_badInput_printsOneLineExitsTwoAndWritesNothing(List<String> flags, String message) {
    Path out = tmp.resolve("deploy");
    String[] args =
        Stream.concat(
                Stream.of("generate", "-f", HELLO.toString(), "-o", out.toString()), flags.stream())
            .toArray(String[]::new);

    Result result = run(args);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("multiarch-tekton: " + message + "\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void generate_badSpecFile_namesFileAndLine() throws IOException {
    Path spec = tmp.resolve("multiarch.yaml");
    Files.writeString(spec, Files.readString(HELLO).replace("  platforms:", "  platfroms:"));

    Result result = run("generate", "-f", spec.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "multiarch-tekton: "
                + spec
                + ":9: spec.platfroms: unknown field; "
                + "did you mean 'platforms'?")
        .endsWith("\n")
        .hasLineCount(1);
  }

  @Test
  void generate_unreadableFile_isBadInput() {
    Result result = run("generate", "-f", tmp.resolve("missing.yaml").toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: "
                + tmp.resolve("missing.yaml")
                + ": cannot read: "
                + "no such file or folder\n");
  }

  @Test
  void generate_withoutSpecFile_namesTheMissingFlag() {
    Result result = run("generate", "--name", "solo");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: command line: --namespace: required "
                + "(or give a spec file with -f that sets metadata.namespace)\n");
  }

  @Test
  void generate_badInputWithDebug_showsTheStackTrace() {
    Result result = run("generate", "-f", HELLO.toString(), "--platforms", "linux/ppc", "--debug");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("multiarch-tekton: --platforms: 'linux/ppc' is not allowed")
        .contains("\tat dev.multiarch.tekton.");
  }

  @Test
  void generate_output_writesFolderAndPrintsStartCommands() throws IOException {
    Path out = tmp.resolve("deploy");

    Result result = run("generate", "-f", HELLO.toString(), "-o", out.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith(
            "wrote 17 files to "
                + out
                + "; deploy and start with:\n  oc apply -f "
                + out.resolve("rbac.yaml")
                + "  # as a cluster admin, once\n")
        .contains("  oc create -f " + out.resolve("pipelinerun-buildah-qemu-bootstrap.yaml") + "\n")
        .contains("  oc apply -k " + out + "\n")
        .contains("  oc create -f " + out.resolve("pipelinerun-hello.yaml") + "\n")
        .contains(
            "  tkn pipeline start hello -n demo --use-param-defaults --serviceaccount hello-builder "
                + "--pipeline-timeout 4h40m --task-serviceaccount binfmt=hello-privileged --workspace name=source,volumeClaimTemplateFile="
                + out.resolve("workspace-source-volumeclaimtemplate.yaml")
                + " --workspace name=dockerconfig,secret=quay-push --showlog\n")
        .endsWith(
            "  # the console's Start, and tkn pipeline start without --task-serviceaccount"
                + " binfmt=hello-privileged, run every task as one ServiceAccount (OpenShift"
                + " Pipelines' default: pipeline), which may not run the privileged steps of binfmt:"
                + " create the generated PipelineRun, or start with multiarch-tekton start\n");
    assertThat(Files.readString(out.resolve("pipeline-hello.yaml")))
        .isEqualTo(
            MultiArchTekton.fromSpecFile(HELLO).generate().files().get("pipeline-hello.yaml"));
  }

  @Test
  void generate_outputHoldingForeignFiles_isRefusedAndUntouched() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("deploy"));
    Files.writeString(out.resolve("keep.txt"), "mine");

    Result result = run("generate", "-f", HELLO.toString(), "-o", out.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: "
                + out.toAbsolutePath()
                + ": not writing there, it holds"
                + " files multiarch-tekton did not write: keep.txt; choose an empty folder or one multiarch-tekton wrote\n");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("keep.txt");
    }
  }

  @Test
  void helpAndVersion_exitZero() {
    assertThat(run("--help").out())
        .contains(
            "usage: multiarch-tekton <command>",
            "generate",
            "run-local",
            "3 run-local cannot run on this host");
    assertThat(run("run-local", "--help").out())
        .contains(
            "--source <DIR>",
            "--registry <HOST:PORT>",
            "--log-dir <DIR>",
            "--parallel <N>",
            "--platforms <LIST>");
    assertThat(run("--help").code()).isZero();
    assertThat(run("generate", "--help").out())
        .contains("--platforms <LIST>", "--placement <MODE>", "--cleanup-emulators");
    assertThat(run("--version").out()).matches("multiarch-tekton \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
  }

  @Test
  void unknownCommand_isBadInput() {
    Result result = run("apply");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: unknown command 'apply'; expected one of: generate, "
                + "validate, run-local, doctor, deploy, start, status, logs, graph (see --help)\n");
  }

  @Test
  void everyFlag_setsAFieldTheSpecFileKnows() throws IOException {
    // Given a spec with every flag set to a valid value
    Result result =
        run(
            "generate",
            "--name",
            "all",
            "--namespace",
            "ns",
            "--platforms",
            "linux/amd64,linux/arm64",
            "--node-platform",
            "linux/arm64",
            "--git-url",
            "https://example.com/r.git",
            "--git-revision",
            "v1",
            "--context",
            "sub",
            "--containerfile",
            "Dockerfile",
            "--build-arg",
            "K=V",
            "--image-stream",
            "stream",
            "--tag",
            "t1",
            "--destination",
            "quay.io/o/a:1",
            "--tags",
            "x,y",
            "--credentials-secret",
            "creds",
            "--builder-image",
            "quay.io/o/builder:1",
            "--binfmt-image",
            "docker.io/tonistiigi/binfmt:qemu-v8.1.5",
            "--placement",
            "same-node",
            "--format",
            "docker",
            "--cleanup-emulators");

    // Then each shows up in the output
    assertThat(result.code()).as(result.err()).isZero();
    String pipelineYaml =
        Stream.of(result.out().split("---\n"))
            .filter(doc -> doc.contains("\nkind: Pipeline\n"))
            .findFirst()
            .orElseThrow();
    Pipeline pipeline = new ObjectMapper(new YAMLFactory()).readValue(pipelineYaml, Pipeline.class);
    assertThat(pipeline.getMetadata().getName()).isEqualTo("all");
    assertThat(result.out())
        .contains(
            "default: linux/amd64\n",
            "default: https://example.com/r.git\n",
            "default: v1\n",
            "default: sub\n",
            "default: Dockerfile\n",
            "- K=V\n",
            "default: image-registry.openshift-image-registry.svc:5000/ns/stream\n",
            "default: t1\n",
            "default: quay.io/o/a\n",
            "default: 1 x y\n",
            "secretName: creds\n",
            "default: quay.io/o/builder:1\n",
            "default: docker.io/tonistiigi/binfmt:qemu-v8.1.5\n",
            "default: docker\n",
            "name: binfmt-cleanup\n");
  }

  static Stream<Arguments> badRunLocalOptions() {
    return Stream.of(
        Arguments.of(
            List.of("--registry", "localhost"),
            "multiarch-tekton: --registry: 'localhost' is not allowed; "
                + "expected host:port of a running registry, such as 127.0.0.1:5000, with a port from 1 to 65535"),
        Arguments.of(
            List.of("--registry", "127.0.0.1:99999"),
            "multiarch-tekton: --registry: '127.0.0.1:99999' is "
                + "not allowed; expected host:port of a running registry, such as 127.0.0.1:5000, with a port from 1 to "
                + "65535"),
        Arguments.of(
            List.of("--registry", "127.0.0.1:0"),
            "multiarch-tekton: --registry: '127.0.0.1:0' is "
                + "not allowed; expected host:port of a running registry, such as 127.0.0.1:5000, with a port from 1 to "
                + "65535"),
        Arguments.of(
            List.of("--parallel", "0"),
            "multiarch-tekton: --parallel: '0' is not allowed; "
                + "expected a number of TaskRuns from 1 to 64"),
        Arguments.of(
            List.of("--source", "/no/such/dir"),
            "multiarch-tekton: --source: '/no/such/dir' is not "
                + "allowed; expected an existing folder (no such file or folder)"),
        Arguments.of(
            List.of("--workspace", "dockerconfig=/no/such/dir"),
            "multiarch-tekton: --workspace: '/no/such/dir' is not "
                + "allowed; expected an existing folder (no such file or folder)"),
        Arguments.of(
            List.of("--workspace", "npm-cache=/tmp"),
            "multiarch-tekton: --workspace: 'npm-cache' is not allowed; expected a workspace of"
                + " Pipeline hello: source, dockerconfig, build-secrets, ssl-ca-directory, basic-auth, ssh-directory"),
        Arguments.of(
            List.of("--workspace", "dockerconfig"),
            "multiarch-tekton: --workspace: 'dockerconfig' is not allowed; expected NAME=DIR: a"
                + " workspace of the Pipeline and the folder whose files it holds"),
        Arguments.of(
            List.of("--platforms", "linux/ppc"),
            "multiarch-tekton: --platforms: 'linux/ppc' is not "
                + "allowed; expected a known platform: "
                + KNOWN),
        Arguments.of(
            List.of("--output", "x"),
            "multiarch-tekton: run-local: Unrecognized option: --output "
                + "(see run-local --help)"));
  }

  @ParameterizedTest
  @MethodSource("badRunLocalOptions")
  void runLocal_badOption_printsOneLineAndExitsTwoBeforeRunning(
      List<String> options, String message) {
    List<String> args = new java.util.ArrayList<>(List.of("run-local", "-f", HELLO.toString()));
    args.addAll(options);

    Result result = run(args.toArray(String[]::new));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(message + "\n");
  }

  @Test
  void runLocal_logDirHoldingFiles_isRefusedAndUntouched() throws IOException {
    Files.writeString(tmp.resolve("earlier.log"), "keep me");

    Result result = run("run-local", "-f", HELLO.toString(), "--log-dir", tmp.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: --log-dir: '"
                + tmp
                + "' is not allowed; expected a new "
                + "or empty directory, so that no earlier logs are overwritten\n");
    assertThat(Files.readString(tmp.resolve("earlier.log"))).isEqualTo("keep me");
  }

  @Test
  void validate_exampleFolder_passesAndExitsZero() {
    Result result =
        run("validate", GoldenFiles.projectRoot().resolve("examples/hello/generated").toString());

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).isEqualTo("9 passed, 0 failed\n");
  }

  @Test
  void validate_editedFile_printsFileLinePathAndExitsOne() throws IOException {
    Path generated = GoldenFiles.projectRoot().resolve("examples/hello/generated");
    Path pipeline = tmp.resolve("pipeline-hello.yaml");
    Files.writeString(
        pipeline,
        Files.readString(generated.resolve("pipeline-hello.yaml"))
            .replace("        - binfmt\n", "        - binfmtt\n"));

    Result result =
        run(
            "validate",
            pipeline.toString(),
            generated.resolve("task-multiarch-resolve-commit.yaml").toString(),
            generated.resolve("task-multiarch-binfmt.yaml").toString(),
            generated.resolve("task-multiarch-buildah.yaml").toString(),
            generated.resolve("task-multiarch-manifest.yaml").toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out())
        .isEqualTo(
            pipeline
                + ":188: Pipeline/hello: spec.tasks[2].runAfter[0]: runAfter names "
                + "'binfmtt', which is not a task in tasks\n4 passed, 1 failed (1 Tekton problem, 0 [multiarch-tekton])\n");
  }

  @Test
  void validate_notYaml_exitsTwoNamingFileAndLine() throws IOException {
    Path broken = tmp.resolve("broken.yaml");
    Files.writeString(broken, "kind: Task\nspec: [\n");

    Result result = run("validate", broken.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("multiarch-tekton: " + broken + ":3: not valid YAML: ")
        .hasLineCount(1);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void validate_fileWithoutTektonDocuments_isBadInputRatherThanAPass() {
    Result result = run("validate", HELLO.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: validate: no Tekton documents (Pipeline, Task, "
                + "PipelineRun, TaskRun, StepAction) in "
                + HELLO
                + "\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void runLocal_misspeltOption_suggestsTheClosest() {
    Result result = run("run-local", "-f", HELLO.toString(), "--sourse", "x");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: run-local: Unrecognized option: --sourse; did you mean "
                + "'--source'? (see run-local --help)\n");
  }

  @Test
  void validate_badFeatureFlagsOrNoFiles_isBadInput() {
    assertThat(run("validate", "--feature-flags", "gamma", "x.yaml").err())
        .isEqualTo(
            "multiarch-tekton: "
                + "--feature-flags: 'gamma' is not allowed; expected stable, beta or alpha (Tekton's enable-api-fields)\n");
    assertThat(run("validate", "--feature-flag", "enable-param-enum=yes", "x.yaml").err())
        .isEqualTo(
            "multiarch-tekton: --feature-flag enable-param-enum: 'yes' is not allowed; expected true or false\n");
    assertThat(run("validate", "--rules", "some", "x.yaml").err())
        .isEqualTo("multiarch-tekton: --rules: 'some' is not allowed; expected all or tekton\n");
    assertThat(run("validate").code()).isEqualTo(2);
    assertThat(run("validate", "/no/such.yaml").err())
        .isEqualTo("multiarch-tekton: /no/such.yaml: cannot read: " + "no such file or folder\n");
  }

  private static final String ENUM_TASK =
      "apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: sized\nspec:\n"
          + "  params:\n    - name: size\n      enum: [s, m]\n      default: s\n  steps:\n    - name: echo\n"
          + "      image: docker.io/library/busybox:1.36\n      script: echo $(params.size)\n";

  @Test
  void validate_featureFlagsFile_appliesTheClustersFlags() throws IOException {
    Path task = tmp.resolve("task.yaml");
    Files.writeString(task, ENUM_TASK);
    Path flags = tmp.resolve("feature-flags.yaml");
    Files.writeString(
        flags,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: feature-flags\n  namespace: "
            + "openshift-pipelines\ndata:\n  enable-param-enum: \"true\"\n  enable-api-fields: beta\n");

    Result defaults = run("validate", "--rules", "tekton", task.toString());
    Result cluster =
        run(
            "validate",
            "--rules",
            "tekton",
            "--feature-flags-file",
            flags.toString(),
            task.toString());
    Result oneFlag =
        run(
            "validate",
            "--rules",
            "tekton",
            "--feature-flag",
            "enable-param-enum=true",
            task.toString());

    assertThat(defaults.code()).isEqualTo(1);
    assertThat(defaults.out())
        .isEqualTo(
            task
                + ":8: Task/sized: spec.params[0].enum: enum needs feature flag "
                + "enable-param-enum: \"true\"\n0 passed, 1 failed (1 Tekton problem, 0 [multiarch-tekton])\n");
    assertThat(cluster.out()).isEqualTo("1 passed, 0 failed\n");
    assertThat(oneFlag.code()).isZero();
  }

  @Test
  void validate_rulesSwitch_tagsProjectFindingsAndTektonDropsThem() throws IOException {
    Path task = tmp.resolve("task.yaml");
    Files.writeString(task, ENUM_TASK);

    Result all = run("validate", "--feature-flag", "enable-param-enum=true", task.toString());
    Result tekton =
        run(
            "validate",
            "--feature-flag",
            "enable-param-enum=true",
            "--rules",
            "tekton",
            task.toString());

    assertThat(all.code()).isEqualTo(1);
    assertThat(all.out())
        .isEqualTo(
            task
                + ":13: Task/sized: spec.steps[0].script: [multiarch-tekton] script "
                + "contains $(params....): pass the value through env instead (only $(results.X.path) may appear in a "
                + "script)\n0 passed, 1 failed (0 Tekton problems, 1 [multiarch-tekton])\n");
    assertThat(tekton.out()).isEqualTo("1 passed, 0 failed\n");
  }

  @Test
  void validate_folder_isWalkedRecursively_skippingKustomizationsAndNotingUnmodelledKinds()
      throws IOException {
    Path nested = Files.createDirectories(tmp.resolve("a/b"));
    Files.writeString(nested.resolve("task.yml"), ENUM_TASK.replace("      enum: [s, m]\n", ""));
    Files.writeString(tmp.resolve("kustomization.yaml"), "resources: [a/b/task.yml]\n");
    Files.writeString(
        tmp.resolve("a/run.yaml"),
        "apiVersion: tekton.dev/v1beta1\nkind: CustomRun\nmetadata:\n"
            + "  name: wait\nspec:\n  customRef: {apiVersion: example.dev/v1, kind: Wait}\n");

    Result result = run("validate", "--rules", "tekton", tmp.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            tmp.resolve("a/run.yaml")
                + ":1: CustomRun/wait: skipped: tekton.dev/v1beta1 "
                + "CustomRun is not checked (validate models tekton.dev/v1 Pipeline, Task, PipelineRun, TaskRun and "
                + "StepAction)\n1 passed, 0 failed; 1 skipped\n");
  }

  @Test
  void runLocal_fromWithSpecFlags_isBadInput() {
    Result result = run("run-local", "--from", tmp.toString(), "--platforms", "linux/amd64");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: run-local: --from runs the folder as it is; --platforms "
                + "does not apply to it (edit the folder, or generate from a spec without --from)\n");
  }

  @Test
  void runLocal_fromAFolderValidateRejects_exitsThreeBeforeRunningAnything() throws IOException {
    Path generated = GoldenFiles.projectRoot().resolve("examples/hello/generated");
    try (var files = Files.list(generated)) {
      for (Path file : files.toList()) {
        Files.copy(file, tmp.resolve(file.getFileName()));
      }
    }
    Path pipeline = tmp.resolve("pipeline-hello.yaml");
    Files.writeString(
        pipeline, Files.readString(pipeline).replace("        - binfmt\n", "        - binfmtt\n"));

    Result result = run("run-local", "--from", tmp.toString());

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: run-local cannot run "
                + tmp
                + ": validate finds 1 problem, "
                + "the first: "
                + pipeline
                + ":188: Pipeline/hello: spec.tasks[2].runAfter[0]: runAfter names 'binfmtt', "
                + "which is not a task in tasks\n");
  }
}
