package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.tasks.testing.HostTools;

/**
 * The gate of the real-tool test group: these tests run buildah, skopeo, QEMU and docker-registry
 * as root. Where they cannot run they are skipped and reported loudly at the end of the run, or
 * fail with {@code MULTIARCH_TEKTON_E2E=require} (set by .ci/run), so CI can never pass without
 * running them.
 */
final class RealTools {

  private RealTools() {}

  /**
   * Skips (loudly) or fails the calling test unless every real tool is here and the JVM runs as
   * root.
   */
  static void require() {
    HostTools.requireAll(
        "buildah",
        "skopeo",
        "docker-registry",
        "update-binfmts",
        "qemu-aarch64-static",
        "git",
        "tar",
        "apt-get",
        "dpkg");
    HostTools.requireRoot();
  }
}
