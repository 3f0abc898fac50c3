package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.ScriptChecks;
import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator DaemonSet: what its pods run, and its scripts run with bash as on an x86_64 node
 * against a fake binfmt_misc directory (nothing is registered on the host).
 */
class EmulatorDaemonSetTest {

  private static final Map<String, String> LABELS =
      Map.of("app.kubernetes.io/name", "hello", "app.kubernetes.io/component", "binfmt");

  @TempDir Path tmp;
  Path binfmt;
  String path;

  @BeforeEach
  void fakeNode() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path uname = bin.resolve("uname");
    Files.writeString(uname, "#!/bin/sh\necho x86_64\n");
    Files.setPosixFilePermissions(uname, PosixFilePermissions.fromString("rwxr-xr-x"));
    path = bin + ":" + System.getenv("PATH");
    binfmt = Files.createDirectories(tmp.resolve("binfmt_misc"));
    Files.writeString(binfmt.resolve("status"), "enabled\n");
  }

  @Test
  void create_registersInAPrivilegedInitContainer_andProbesReadiness() {
    // When
    DaemonSet daemonSet = daemonSet(true).create();
    PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();

    // Then
    assertThat(daemonSet.getApiVersion()).isEqualTo("apps/v1");
    assertThat(daemonSet.getSpec().getSelector().getMatchLabels()).isEqualTo(LABELS);
    assertThat(daemonSet.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(LABELS);
    assertThat(pod.getServiceAccountName()).isEqualTo("hello-binfmt");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getNodeSelector())
        .containsExactly(Map.entry("multiarch-tekton.dev/emulation", "true"));
    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly("test-registered", "release-unusable", "install");
    assertThat(pod.getInitContainers().get(0).getSecurityContext().getPrivileged()).isNull();
    assertThat(pod.getInitContainers().get(0).getSecurityContext().getSeLinuxOptions().getLevel())
        .isEqualTo("s0");
    Container install = pod.getInitContainers().get(2);
    assertThat(install.getImage()).isEqualTo(Images.DEFAULT_BINFMT);
    assertThat(install.getCommand()).containsExactly("/usr/bin/binfmt");
    assertThat(install.getArgs()).containsExactly("--install", "linux/arm64,linux/arm/v7");
    assertThat(install.getSecurityContext().getPrivileged()).isTrue();
    assertThat(install.getSecurityContext().getSeLinuxOptions().getLevel()).isEqualTo("s0");
    Container emulators = pod.getContainers().get(0);
    assertThat(emulators.getSecurityContext().getPrivileged()).isTrue();
    assertThat(emulators.getCommand()).startsWith("/bin/bash", "-c");
    assertThat(emulators.getEnv())
        .anySatisfy(
            e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("UNINSTALL_ON_STOP=true"));
    assertThat(emulators.getReadinessProbe().getExec().getCommand())
        .containsExactly(
            "/bin/bash",
            "-c",
            ScriptTemplate.BINFMT_READY.render(TaskParts.platformModel()),
            "binfmt-ready");
  }

  @Test
  void scripts_passShellcheckAndBashSyntax() {
    for (ScriptTemplate template :
        new ScriptTemplate[] {
          ScriptTemplate.BINFMT_DAEMON,
          ScriptTemplate.BINFMT_READY,
          ScriptTemplate.BINFMT_USABLE,
          ScriptTemplate.BINFMT_RELEASE
        }) {
      String script = template.render(TaskParts.platformModel());
      ScriptChecks.assertBashSyntax(template.fileName(), script);
      ScriptChecks.assertShellcheckClean(template.fileName(), script);
    }
  }

  @Test
  void ready_everyEmulatorEnabledWithFlagF_isReady() throws Exception {
    // Given
    entry("qemu-aarch64", "enabled", "OCF");
    entry("qemu-arm", "enabled", "OCF");

    // When
    Run run = ready("linux/arm64,linux/arm/v7");

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).isEqualTo("ready: linux/arm64,linux/arm/v7\n");
  }

  @Test
  void ready_disabledOrMissingEntry_isNotReady_namingEach() throws Exception {
    // Given
    entry("qemu-aarch64", "disabled", "OCF");

    // When
    Run run = ready("linux/arm64,linux/arm/v7");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: linux/arm64: "
                + binfmt
                + "/qemu-aarch64: the entry is disabled\n"
                + "linux/arm/v7: "
                + binfmt
                + "/qemu-arm is missing\n");
  }

  @Test
  void ready_emulatorForTheNodesOwnArchitecture_isNotReady() throws Exception {
    // Given
    entry("qemu-x86_64", "enabled", "OCF");

    // When
    Run run = ready("linux/amd64");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: linux/amd64 is this node's own architecture (x86_64): it must not be"
                + " emulated here\n");
  }

  @Test
  void daemon_missingEmulator_failsNamingNodeAndFix() throws Exception {
    // When
    Run run =
        ScriptRunner.run(
            tmp,
            ScriptTemplate.BINFMT_DAEMON.render(TaskParts.platformModel()),
            Map.of(
                "EMULATORS",
                "linux/arm64",
                "NODE_NAME",
                "worker-1",
                "BINFMT_MISC_DIR",
                binfmt.toString(),
                "PATH",
                path));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: node worker-1 (x86_64): linux/arm64: "
                + binfmt
                + "/qemu-aarch64 is missing\nERROR: node worker-1 cannot emulate linux/arm64; fix: label only nodes of the"
                + " build nodes' platform for emulation, and check the kernel supports binfmt_misc (see the install init"
                + " container's log)\n");
  }

  @Test
  void daemon_stoppedWithUninstallOnStop_removesItsEntries_andLeavesOthers() throws Exception {
    // Given a node where both emulators are registered, and one the DaemonSet did not register
    entry("qemu-aarch64", "enabled", "OCF");
    entry("qemu-arm", "enabled", "OCF");
    entry("qemu-s390x", "enabled", "OCF");
    Path script = tmp.resolve("daemon.sh");
    Files.writeString(script, ScriptTemplate.BINFMT_DAEMON.render(TaskParts.platformModel()));
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("daemon.log").toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "EMULATORS",
                "linux/arm64,linux/arm/v7",
                "NODE_NAME",
                "worker-1",
                "BINFMT_MISC_DIR",
                binfmt.toString(),
                "PATH",
                path,
                "UNINSTALL_ON_STOP",
                "true"));
    Process daemon = builder.start();
    waitFor(() -> Files.readString(tmp.resolve("daemon.log")).contains("emulates"));

    // When the pod stops
    daemon.destroy();

    // Then
    assertThat(daemon.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).isZero();
    assertThat(Files.readString(tmp.resolve("daemon.log")))
        .isEqualTo(
            "node worker-1 (x86_64) emulates"
                + " linux/arm64,linux/arm/v7 (enabled, flag F)\nnode worker-1: removed qemu-aarch64\nnode worker-1: removed"
                + " qemu-arm\n");
    // The kernel removes an entry written -1; the fake directory keeps what was written.
    assertThat(Files.readString(binfmt.resolve("qemu-aarch64"))).isEqualTo("-1\n");
    assertThat(Files.readString(binfmt.resolve("qemu-arm"))).isEqualTo("-1\n");
    assertThat(Files.readString(binfmt.resolve("qemu-s390x"))).startsWith("enabled\n");
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!condition.call()) {
      assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private Run ready(String emulators) throws Exception {
    return ScriptRunner.run(
        tmp,
        ScriptTemplate.BINFMT_READY.render(TaskParts.platformModel()),
        Map.of("EMULATORS", emulators, "BINFMT_MISC_DIR", binfmt.toString(), "PATH", path));
  }

  private void entry(String name, String state, String flags) throws IOException {
    Files.writeString(
        binfmt.resolve(name),
        state
            + "\ninterpreter /usr/bin/"
            + name
            + "-static\nflags: "
            + flags
            + "\noffset 0\nmagic 7f454c46\n");
  }

  private static EmulatorDaemonSet daemonSet(boolean uninstallOnStop) {
    return new EmulatorDaemonSet(
        "hello-binfmt",
        "demo",
        LABELS,
        "hello-binfmt",
        "linux/arm64,linux/arm/v7",
        Map.of("multiarch-tekton.dev/emulation", "true"),
        Images.DEFAULT_BINFMT,
        Images.internalBuilder("demo"),
        uninstallOnStop);
  }
}
