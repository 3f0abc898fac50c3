package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the rendered check-platform and verify scripts with bash, as on an x86_64 node, against a
 * fake binfmt_misc directory (the BINFMT_MISC_DIR knob), so nothing is registered on the host.
 */
class ScriptBehaviourTest {

  private static final String FIX =
      "; fix: run the multiarch-binfmt task on this node first (placement same-node),"
          + " use placement in-pod so the build registers the emulators on its own node, label this node for the emulator"
          + " DaemonSet (placement daemonset), or build %s natively on nodes of its architecture (spec.native)";

  @TempDir Path tmp;
  Path binfmt;
  Path probes;

  @BeforeEach
  void fakeNode() throws IOException {
    // The scripts read the node's architecture with `uname -m`: a stand-in makes it x86_64 on any
    // host.
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path uname = bin.resolve("uname");
    Files.writeString(uname, "#!/bin/sh\necho x86_64\n");
    Files.setPosixFilePermissions(uname, PosixFilePermissions.fromString("rwxr-xr-x"));
    binfmt = Files.createDirectories(tmp.resolve("binfmt_misc"));
    Files.writeString(binfmt.resolve("status"), "enabled\n");
    probes = Files.createDirectories(tmp.resolve("probe"));
  }

  @Test
  void checkPlatform_nativePlatform_succeeds() throws Exception {
    // When
    Run run = checkPlatform("linux/amd64");

    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("node node-1 (x86_64) runs linux/amd64 natively\n");
  }

  @Test
  void checkPlatform_missingEmulatorAndProbe_failsNamingNodePlatformAndFix() throws Exception {
    // When
    Run run = checkPlatform("linux/arm64");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: node node-1 (x86_64) cannot run linux/arm64: no readable binfmt_misc"
                + " entry "
                + binfmt
                + "/qemu-aarch64 and no probe binary "
                + probes
                + "/linux-arm64"
                + FIX.formatted("linux/arm64")
                + "\n");
  }

  @Test
  void checkPlatform_enabledEntryWithFlagF_succeeds() throws Exception {
    // Given
    entry("qemu-aarch64", "enabled", "OCF");

    // When
    Run run = checkPlatform("linux/arm64");

    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .isEqualTo(
            "node node-1 (x86_64) runs linux/arm64 through QEMU: "
                + binfmt
                + "/qemu-aarch64 is enabled with flag F\n");
  }

  @Test
  void checkPlatform_entryWithoutFlagF_fails() throws Exception {
    // Given
    entry("qemu-aarch64", "enabled", "OC");

    // When
    Run run = checkPlatform("linux/arm64");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: node node-1 (x86_64) cannot run linux/arm64: "
                + binfmt
                + "/qemu-aarch64: the entry lacks the F (fix-binary) flag, so containers cannot reach its interpreter"
                + FIX.formatted("linux/arm64")
                + "\n");
  }

  @Test
  void checkPlatform_emulatedOnAnotherNodeThanBinfmts_failsNamingBothNodesAndTheFix()
      throws Exception {
    // Given the emulator is here, but binfmt registered it on node-2
    entry("qemu-aarch64", "enabled", "F");

    // When
    Run run =
        run(
            ScriptTemplate.CHECK_PLATFORM,
            Map.of("PLATFORM", "linux/arm64", "BINFMT_NODE", "node-2"));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: node node-1 (x86_64) cannot run linux/arm64: the multiarch-binfmt"
                + " task registered the emulators on node node-2, and this build landed elsewhere, so Tekton's affinity"
                + " assistant did not keep the run on one node; fix: turn the affinity assistant on in Tekton's"
                + " feature-flags ConfigMap (OpenShift Pipelines: TektonConfig spec.pipeline): before Tekton 1.0"
                + " disable-affinity-assistant: \"false\" (while it is \"true\", coschedule is ignored), from Tekton"
                + " 1.0 coschedule: workspaces; or use placement in-pod\n");
  }

  @Test
  void checkPlatform_nativeOnAnotherNodeThanBinfmts_succeeds() throws Exception {
    Run run =
        run(
            ScriptTemplate.CHECK_PLATFORM,
            Map.of("PLATFORM", "linux/amd64", "BINFMT_NODE", "node-2"));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
  }

  @Test
  void checkPlatform_emulatedOnBinfmtsNode_succeeds() throws Exception {
    entry("qemu-aarch64", "enabled", "F");

    Run run =
        run(
            ScriptTemplate.CHECK_PLATFORM,
            Map.of("PLATFORM", "linux/arm64", "BINFMT_NODE", "node-1"));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
  }

  @Test
  void checkPlatform_failingProbe_failsWithItsOutput() throws Exception {
    // Given a probe that behaves like a binary the kernel cannot run
    probe("linux-arm-v7", "echo 'cannot execute binary file: Exec format error' >&2; exit 126");

    // When
    Run run = checkPlatform("linux/arm/v7");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: node node-1 (x86_64) cannot run linux/arm/v7: the probe "
                + probes
                + "/linux-arm-v7 did not run (cannot execute binary file: Exec format error); if the"
                + " entry is enabled with flag F, SELinux may deny this pod the interpreter that another pod"
                + " registered: confirm with 'oc debug node/node-1 -- chroot /host ausearch -m avc -ts recent'"
                + " (denials of read or execute on qemu-*), then run the multiarch-binfmt task, whose register"
                + " steps run with SELinux level s0 and replace such an entry"
                + FIX.formatted("linux/arm/v7")
                + "\n");
  }

  @Test
  void checkPlatform_workingProbe_succeeds() throws Exception {
    // Given
    probe("linux-riscv64", "[ \"$1\" = true ]");

    // When
    Run run = checkPlatform("linux/riscv64");

    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .isEqualTo(
            "node node-1 (x86_64) runs linux/riscv64 through QEMU: the probe "
                + probes
                + "/linux-riscv64 ran\n");
  }

  @Test
  void checkPlatform_busyboxProbe_isRunAsBusybox() throws Exception {
    // Given a probe that, like the builder image's busybox, takes the applet to run from the base
    // name of argv[0]
    probe(
        "linux-arm64",
        "case \"${0##*/}\" in\n"
            + "  busybox) [ \"$1\" = true ] ;;\n"
            + "  *) echo \"${0##*/}: applet not found\" >&2; exit 127 ;;\n"
            + "esac");

    // When
    Run run = checkPlatform("linux/arm64");

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .isEqualTo(
            "node node-1 (x86_64) runs linux/arm64 through QEMU: the probe "
                + probes
                + "/linux-arm64 ran\n");
  }

  @Test
  void checkPlatform_unknownPlatform_failsListingKnownOnes() throws Exception {
    // When
    Run run = checkPlatform("linux/ppc");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: PLATFORM 'linux/ppc' is not allowed; expected a known platform:"
                + " linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/ppc64le, linux/s390x, linux/riscv64,"
                + " linux/386, linux/mips64le\n");
  }

  @Test
  void verify_nativeAndRegisteredEmulator_succeedsAndRecordsNode() throws Exception {
    // Given
    entry("qemu-aarch64", "enabled", "POCF");

    // When
    Run run = verify(Map.of(), "linux/amd64", "linux/arm64");

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .isEqualTo(
            ""
                + "PLATFORM         MODE       ENTRY              RESULT\n"
                + "linux/amd64      native     -                  ok\n"
                + "linux/arm64      emulated   qemu-aarch64       ok\n"
                + "node node-1 (x86_64) runs all 2 platform(s)\n");
    assertThat(run.result("EMULATORS_VERIFIED")).isEqualTo("linux/arm64");
    assertThat(run.result("NODE_NAME")).isEqualTo("node-1");
  }

  @Test
  void verify_missingEmulator_failsNamingNodePlatformAndEntry() throws Exception {
    // When
    Run run = verify(Map.of(), "linux/amd64", "linux/s390x");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).contains("linux/s390x      emulated   qemu-s390x         FAILED\n");
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: node node-1 (x86_64) cannot run linux/s390x: "
                + binfmt
                + "/qemu-s390x: the entry is missing\n"
                + "ERROR: fix: make EMULATORS list every platform this node does not run natively, and check the node's"
                + " kernel supports binfmt_misc (see the install step's log)\n");
  }

  @Test
  void verify_emulatorForTheNodesOwnArchitecture_failsSayingHowToRemoveIt() throws Exception {
    // Given
    entry("qemu-x86_64", "enabled", "F");

    // When
    Run run = verify(Map.of(), "linux/amd64");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: node node-1 (x86_64): the binfmt_misc entry qemu-x86_64 emulates"
                + " this node's own architecture, so every native binary runs through QEMU; remove it with the binfmt"
                + " image's '--uninstall qemu-x86_64' (or 'echo -1 > "
                + binfmt
                + "/qemu-x86_64') on this node\n");
  }

  @Test
  void usable_table_listsOnlyEntriesWhoseProbeFails() throws Exception {
    record Case(String name, String probeBody, String expectedStdout, String expectedUnusable) {}
    for (Case c :
        new Case[] {
          new Case(
              "probe runs",
              "exit 0",
              "node node-1: linux/arm64 runs from an unprivileged container; qemu-aarch64 is kept\n",
              ""),
          new Case(
              "probe denied",
              "echo 'Permission denied' >&2; exit 126",
              "node node-1: linux/arm64 does not run from an unprivileged container (Permission denied);"
                  + " qemu-aarch64 will be registered anew\n",
              "qemu-aarch64\n"),
          new Case(
              "no probe",
              null,
              "node node-1: no probe "
                  + probes
                  + "/linux-arm64 for linux/arm64 in this image, so qemu-aarch64 cannot be tested; it is"
                  + " kept\n",
              ""),
        }) {
      // Given
      Files.deleteIfExists(probes.resolve("linux-arm64"));
      if (c.probeBody() != null) {
        probe("linux-arm64", c.probeBody());
      }
      Path unusable = tmp.resolve("unusable");

      // When the node's own linux/amd64 is listed too, it is never tested
      Run run =
          run(
              ScriptTemplate.BINFMT_USABLE,
              Map.of("EMULATORS", "linux/amd64,linux/arm64", "UNUSABLE_FILE", unusable.toString()));

      // Then
      assertThat(run.exitCode()).as(c.name() + ": " + run.stderr()).isZero();
      assertThat(run.stdout()).as(c.name()).isEqualTo(c.expectedStdout());
      assertThat(Files.readString(unusable)).as(c.name()).isEqualTo(c.expectedUnusable());
    }
  }

  @Test
  void release_table_removesOnlyListedEntriesThatExist() throws Exception {
    record Case(String name, String listed, String expectedStdout) {}
    for (Case c :
        new Case[] {
          new Case("nothing listed", "", "node node-1: no registered emulator to replace\n"),
          new Case(
              "listed and registered",
              "qemu-aarch64\n",
              "node node-1: removed qemu-aarch64, which an unprivileged container could not use; the next"
                  + " step registers it again\n"),
          new Case("listed, not registered", "qemu-s390x\n", ""),
        }) {
      // Given the fake kernel's removal: writing -1 replaces the file's content
      entry("qemu-aarch64", "enabled", "CF");
      entry("qemu-arm", "enabled", "CF");
      Path unusable = tmp.resolve("unusable");
      Files.writeString(unusable, c.listed());

      // When
      Run run = run(ScriptTemplate.BINFMT_RELEASE, Map.of("UNUSABLE_FILE", unusable.toString()));

      // Then
      assertThat(run.exitCode()).as(c.name() + ": " + run.stderr()).isZero();
      assertThat(run.stdout()).as(c.name()).isEqualTo(c.expectedStdout());
      assertThat(Files.readString(binfmt.resolve("qemu-aarch64")).equals("-1\n"))
          .as(c.name())
          .isEqualTo(c.listed().equals("qemu-aarch64\n"));
      assertThat(Files.readString(binfmt.resolve("qemu-arm"))).as(c.name()).startsWith("enabled");
    }
  }

  @Test
  void release_nameThatIsNoEmulator_failsAndRemovesNothing() throws Exception {
    // Given
    Path unusable = tmp.resolve("unusable");
    Files.writeString(unusable, "status\n");

    // When
    Run run = run(ScriptTemplate.BINFMT_RELEASE, Map.of("UNUSABLE_FILE", unusable.toString()));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo("ERROR: node node-1: 'status' is not an emulator's binfmt_misc entry\n");
    assertThat(Files.readString(binfmt.resolve("status"))).isEqualTo("enabled\n");
  }

  private Run checkPlatform(String platform) throws Exception {
    return run(ScriptTemplate.CHECK_PLATFORM, Map.of("PLATFORM", platform));
  }

  private Run verify(Map<String, String> env, String... platforms) throws Exception {
    return run(ScriptTemplate.BINFMT_VERIFY, env, platforms);
  }

  private void entry(String name, String state, String flags) throws IOException {
    Files.writeString(
        binfmt.resolve(name),
        state
            + "\ninterpreter /usr/bin/"
            + name
            + "\nflags: "
            + flags
            + "\noffset 0\nmagic 7f454c460201010000000000000000000200b700\n");
  }

  private void probe(String name, String body) throws IOException {
    Path probe = probes.resolve(name);
    Files.writeString(probe, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Run run(ScriptTemplate template, Map<String, String> env, String... args)
      throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put(
        "PATH", tmp.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    all.put("NODE_NAME", "node-1");
    all.put("BINFMT_MISC_DIR", binfmt.toString());
    all.put("PROBE_DIR", probes.toString());
    return ScriptRunner.run(tmp, template.render(TaskParts.platformModel()), all, args);
  }
}
