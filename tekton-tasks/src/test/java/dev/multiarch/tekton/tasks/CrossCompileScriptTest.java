package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.ContainerfileTable;
import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build task's reading of the Containerfile (check-platform, before building) against the table
 * core's Containerfiles is also tested against, and the build platform's build arguments, on a fake
 * x86_64 node with no emulator registered (an empty BINFMT_MISC_DIR), so nothing touches the host.
 */
class CrossCompileScriptTest {

  @TempDir Path tmp;
  Path source;

  @BeforeEach
  void fakeNode() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    executable(bin.resolve("uname"), "#!/bin/sh\necho x86_64\n");
    Files.createDirectories(tmp.resolve("binfmt_misc"));
    Files.createDirectories(tmp.resolve("probe"));
    source = Files.createDirectories(tmp.resolve("src"));
  }

  static List<ContainerfileTable.Case> cases() {
    return ContainerfileTable.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checkPlatform_emulatedPlatform_skipsTheEmulatorCheckExactlyWhenTheTableSaysNone(
      ContainerfileTable.Case row) throws Exception {
    // Given
    Files.writeString(source.resolve("Containerfile"), row.containerfile());

    // When
    Run run = checkPlatform("linux/arm64", Map.of());

    // Then
    if (row.expected().equals("none")) {
      assertThat(run.exitCode()).isZero();
      assertThat(run.stdout())
          .isEqualTo(
              "linux/arm64: no instruction runs on the target platform; building without an"
                  + " emulator\n");
    } else {
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stdout())
          .isEqualTo(
              "Containerfile:"
                  + row.expected()
                  + " runs on the target platform: linux/arm64 needs an emulator\n");
    }
  }

  @Test
  void checkPlatform_clonedSource_readsThePlatformsCloneInTheContext() throws Exception {
    // Given
    Path context = Files.createDirectories(source.resolve("linux-arm64/app"));
    Files.writeString(
        context.resolve("Build.containerfile"),
        "FROM --platform=$BUILDPLATFORM golang AS build\nRUN go build\nFROM scratch\n");

    // When
    Run run =
        checkPlatform(
            "linux/arm64",
            Map.of(
                "GIT_URL",
                "https://example.com/app.git",
                "CONTEXT",
                "app",
                "CONTAINERFILE",
                "Build.containerfile"));

    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .isEqualTo(
            "linux/arm64: no instruction runs on the target platform; building without an"
                + " emulator\n");
  }

  @Test
  void checkPlatform_containerfilePathLeavingTheSource_isNotRead() throws Exception {
    // Given a cross-compiling Containerfile outside the source root
    Files.writeString(
        tmp.resolve("Containerfile"),
        "FROM --platform=$BUILDPLATFORM golang AS build\nFROM scratch\n");

    // When
    Run run = checkPlatform("linux/arm64", Map.of("CONTEXT", ".."));

    // Then it is checked as any emulated build
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).startsWith("ERROR: node node-1 (x86_64) cannot run linux/arm64: ");
  }

  @Test
  void checkPlatform_nativePlatform_saysNativeWhateverTheContainerfile() throws Exception {
    // Given
    Files.writeString(source.resolve("Containerfile"), "FROM debian\nRUN make\n");

    // When
    Run run = checkPlatform("linux/amd64", Map.of());

    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("node node-1 (x86_64) runs linux/amd64 natively\n");
  }

  @Test
  void buildAndPush_passesTheNodesPlatformAsBuildArguments() throws Exception {
    // Given a buildah that records its arguments and fails
    Path calls = tmp.resolve("buildah-calls");
    executable(
        tmp.resolve("bin/buildah"),
        "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + calls + "'\nexit 3\n");
    Files.writeString(source.resolve("Containerfile"), "FROM scratch\n");

    // When
    Run run =
        ScriptRunner.run(
            tmp,
            ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()),
            buildEnv(),
            "VERSION=1");

    // Then
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stdout()).contains("build platform linux/amd64 (this node's)\n");
    assertThat(Files.readString(calls))
        .contains(
            " --build-arg VERSION=1 --build-arg BUILDPLATFORM=linux/amd64 --build-arg BUILDOS=linux"
                + " --build-arg BUILDARCH=amd64 ")
        .doesNotContain("BUILDVARIANT");
  }

  @Test
  void buildAndPush_usersBuildPlatformArgument_isRefused() throws Exception {
    // Given
    Files.writeString(source.resolve("Containerfile"), "FROM scratch\n");

    // When
    Run run =
        ScriptRunner.run(
            tmp,
            ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()),
            buildEnv(),
            "BUILDPLATFORM=linux/arm64");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: BUILD_ARGS: 'BUILDPLATFORM' is not allowed; the build sets BUILDPLATFORM,"
                + " BUILDOS, BUILDARCH and BUILDVARIANT to the platform of the node it runs on\n");
  }

  private Run checkPlatform(String platform, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(fakeNodeEnv());
    env.put("PLATFORM", platform);
    env.put("SOURCE_DIR", source.toString());
    env.put("GIT_URL", "");
    env.put("CONTEXT", ".");
    env.put("CONTAINERFILE", "Containerfile");
    env.putAll(extra);
    return ScriptRunner.run(
        tmp, ScriptTemplate.CHECK_PLATFORM.render(TaskParts.platformModel()), env);
  }

  private Map<String, String> buildEnv() {
    Map<String, String> env = ScriptRunner.buildParams("linux/arm64", "latest", source);
    env.putAll(fakeNodeEnv());
    env.put("DOCKERCONFIG_BOUND", "false");
    return env;
  }

  private Map<String, String> fakeNodeEnv() {
    return Map.of(
        "PATH",
        tmp.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "NODE_NAME",
        "node-1",
        "BINFMT_MISC_DIR",
        tmp.resolve("binfmt_misc").toString(),
        "PROBE_DIR",
        tmp.resolve("probe").toString());
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
