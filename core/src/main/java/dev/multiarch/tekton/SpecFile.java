package dev.multiarch.tekton;

import dev.multiarch.tekton.input.BoundedInput;
import dev.multiarch.tekton.input.InputException;
import dev.multiarch.tekton.input.InputLimits;
import dev.multiarch.tekton.internal.spec.SpecFileParser;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a build spec from a YAML spec file. Every problem, from an unreadable file to a bad value, throws a
 * {@link SpecFileException} whose message is one line naming file, line and field. The format (a complete,
 * commented example is {@code core/src/test/resources/spec/full.yaml}):
 *
 * <pre>{@code
 * apiVersion: multiarch-tekton.dev/v1alpha1   # required, exactly this
 * kind: MultiArchBuild                         # required, exactly this
 * metadata:
 *   name: hello                # required; DNS-1123 label, at most 57 characters
 *   namespace: demo            # required; DNS-1123 label
 * spec:
 *   platforms: [linux/amd64, linux/arm64, linux/arm/v7]   # required, each once, order kept
 *   nodePlatform: linux/amd64  # optional, default linux/amd64: the nodes' own platform, not emulated
 *   native:                    # optional: platforms built natively, each pinned to nodes of its own
 *     - platform: linux/arm64                       # required, one of platforms
 *       nodeSelector: {kubernetes.io/arch: arm64}   # optional, default kubernetes.io/arch and kubernetes.io/os
 *       tolerations: [{key: arch, value: arm64, effect: NoSchedule}]   # optional
 *   source:                    # optional; default: build what the source workspace holds
 *     git:                     # optional
 *       url: https://github.com/example/hello.git   # required in git
 *       revision: main                              # optional; default: the remote's default branch
 *     context: .               # optional, default .
 *     containerfile: Containerfile                  # optional, default Containerfile, relative to context
 *     buildArgs:               # optional, order kept; values are text without control characters
 *       VERSION: "1.2"
 *   imageStream:               # optional
 *     name: hello              # optional, default metadata.name
 *     tag: latest              # optional, default latest; per-arch tags are <tag>-<os>-<arch>[-<variant>]
 *   destination:               # required
 *     image: quay.io/example/hello   # required; a tag given here (hello:1.2) becomes the first tag
 *     tags: [latest]                 # optional, more tags; [latest] if the image has no tag
 *     credentialsSecret: quay-push   # optional docker-config Secret
 *   builderImage: quay.io/multiarch-tekton/buildah-qemu:1.39.0-1   # optional, pinned (not latest)
 *   binfmtImage: docker.io/tonistiigi/binfmt:qemu-v9.2.2          # optional, pinned (not latest)
 *   placement: same-node       # optional: same-node (default) | in-pod | daemonset
 *   emulationNodeSelector: {multiarch-tekton.dev/emulation: "true"}   # daemonset only; this is the default
 *   format: oci                # optional: oci (default) | docker
 *   cleanupEmulators: false    # optional: true | false (default)
 * }</pre>
 *
 * Unknown fields are errors. Scalars are read as written, so {@code tags: [1.10]} is the tag {@code 1.10}. A spec file
 * is at most 1 MiB with lines of at most 64 KiB, a regular file (or standard input as {@code /dev/stdin}), and holds
 * no YAML anchors or aliases; every value has a length limit (README, "Limits").
 */
public final class SpecFile {

  /** The only {@code apiVersion} this version reads. */
  public static final String API_VERSION = SpecFileParser.API_VERSION;
  /** The only {@code kind} this version reads. */
  public static final String KIND = SpecFileParser.KIND;

  /** How {@link #fromOverrides(Map)} names its input in messages. */
  public static final String OVERRIDES_SOURCE = "command line";

  private SpecFile() {
  }

  /**
   * Reads and validates the spec file at {@code file}; messages name the file as given.
   *
   * @throws SpecFileException if the file cannot be read, is not a valid spec, or holds a value not allowed
   */
  public static BuildSpec read(Path file) {
    return read(file, Map.of());
  }

  /**
   * Reads the spec file at {@code file} with some fields set from elsewhere, such as command-line flags.
   *
   * @param overrides a map shaped like the file's content: {@code {"spec": {"platforms": List.of(...)}}};
   *     its values are maps, lists, strings (any scalar, by its text) and booleans. A map merges into the
   *     file's map, anything else replaces the file's value. Problems with these values have no line.
   * @throws SpecFileException if the file cannot be read, is not a valid spec, or holds a value not allowed
   */
  public static BuildSpec read(Path file, Map<String, ?> overrides) {
    String text;
    try {
      text = BoundedInput.read(file, InputLimits.SPEC_FILE);
    } catch (InputException e) {
      throw new SpecFileException(e.file(), e.line(), "", e.problem(), e);
    }
    return SpecFileParser.parse(text, file.toString(), overrides);
  }

  /**
   * Parses and validates spec-file text; {@code sourceName} names it in messages.
   *
   * @throws SpecFileException if the text is not a valid spec or holds a value not allowed
   */
  public static BuildSpec parse(String yaml, String sourceName) {
    return SpecFileParser.parse(yaml, sourceName, Map.of());
  }

  /**
   * The spec that {@code overrides} alone describe (a spec given entirely by flags), checked like a file;
   * messages name it {@link #OVERRIDES_SOURCE}.
   *
   * @param overrides as for {@link #read(Path, Map)}, without apiVersion and kind
   * @throws SpecFileException if a required field is missing or a value is not allowed
   */
  public static BuildSpec fromOverrides(Map<String, ?> overrides) {
    return SpecFileParser.fromOverrides(overrides, OVERRIDES_SOURCE);
  }
}
