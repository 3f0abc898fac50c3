package dev.multiarch.tekton.local;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Host stand-ins for the step images that run their own entrypoint instead of a script. There is
 * one: the tonistiigi/binfmt image, whose {@code --install}/{@code --uninstall} run-local performs
 * with Debian's qemu-user-static and binfmt-support ({@code host-binfmt.sh}), since no container
 * engine runs the image here.
 */
final class ImageStandIns {

  static final String BINFMT_SCRIPT = "host-binfmt.sh";

  /**
   * The binfmt image's entrypoint, which the generated steps name as their command; the stand-in
   * takes its place.
   */
  static final String BINFMT_ENTRYPOINT = "/usr/bin/binfmt";

  private ImageStandIns() {}

  /**
   * True for an image run-local can stand in for: any repository whose last path component is
   * binfmt.
   */
  static boolean known(String image) {
    if (image == null) {
      return false;
    }
    String repository = image.replaceFirst("@.*$", "").replaceFirst(":[^:/]*$", "");
    return repository.equals("binfmt") || repository.endsWith("/binfmt");
  }

  /** True when {@code command} is empty or the stood-in image's own entrypoint. */
  static boolean runsEntrypoint(String image, List<String> command) {
    return known(image) && (command.isEmpty() || command.equals(List.of(BINFMT_ENTRYPOINT)));
  }

  static String describe() {
    return "tonistiigi/binfmt (--install/--uninstall)";
  }

  /**
   * The host command standing in for {@code image} run with {@code args}.
   *
   * @throws IllegalArgumentException naming what is wrong when the image or its arguments have no
   *     stand-in
   */
  static List<String> command(String image, List<String> args, Path scriptDir) {
    if (!known(image)) {
      throw new IllegalArgumentException(
          "image "
              + image
              + " runs its own entrypoint and run-local has no host "
              + "stand-in for it; stand-ins exist for "
              + describe());
    }
    if (args.size() != 2
        || !(args.get(0).equals("--install") || args.get(0).equals("--uninstall"))) {
      throw new IllegalArgumentException(
          "binfmt image arguments "
              + args
              + " have no host stand-in; expected "
              + "--install or --uninstall and one comma-separated list of emulators");
    }
    List<String> command =
        new ArrayList<>(List.of("bash", script(scriptDir).toString(), args.get(0).substring(2)));
    command.addAll(entries(args.get(1)));
    return command;
  }

  /**
   * The binfmt_misc entries for a tonistiigi/binfmt emulator list: platforms ({@code linux/arm64})
   * or architectures ({@code arm64}), comma-separated.
   */
  static List<String> entries(String emulators) {
    Set<String> entries = new LinkedHashSet<>();
    for (String item : emulators.split(",", -1)) {
      String name = item.trim();
      if (name.isEmpty()) {
        continue;
      }
      entries.add(platform(name).qemuBinary());
    }
    return List.copyOf(entries);
  }

  private static Platform platform(String name) {
    if (name.contains("/")) {
      try {
        return Platform.parse(name);
      } catch (InvalidValueException e) {
        throw new IllegalArgumentException("emulator '" + name + "' is not a known platform", e);
      }
    }
    return Platform.known().stream()
        .filter(platform -> platform.architecture().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "emulator '" + name + "' is not a known architecture"));
  }

  private static synchronized Path script(Path dir) {
    Path script = dir.resolve(BINFMT_SCRIPT);
    if (Files.exists(script)) {
      return script;
    }
    try (InputStream in = ImageStandIns.class.getResourceAsStream(BINFMT_SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(BINFMT_SCRIPT + " is missing from the jar");
      }
      Files.createDirectories(dir);
      Files.copy(in, script);
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
