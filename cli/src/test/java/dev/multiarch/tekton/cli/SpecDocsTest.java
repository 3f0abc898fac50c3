package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.SpecField;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/spec.md} is generated from the one table of spec fields (core's {@link SpecField})
 * and the command line's column of it ({@link Flag}), and compared whole; {@code
 * -Dgolden.update=true} rewrites it.
 */
class SpecDocsTest {

  @Test
  void specReference_isCurrent() {
    GoldenFiles.assertCurrent(GoldenFiles.projectRoot().resolve("docs/spec.md"), render());
  }

  static String render() {
    StringBuilder md = new StringBuilder();
    md.append(
        """
        <!-- Generated from SpecField (core) and Flag (cli) by SpecDocsTest; edit those, then run the build with
             -Dgolden.update=true. -->
        # The spec file

        A spec file (`multiarch.yaml`) describes one multi-arch build. `multiarch-tekton generate -f FILE` and every
        other command that builds a spec read it; from Java, `SpecFile.read(path)` or
        `MultiArchTekton.fromSpecFile(path)`. Each field can also be given as a flag, with or without a file; a flag
        sets its field over what the file says, and a required field the file leaves out (`metadata`,
        `spec.platforms`, `spec.destination`) may come from its flag (from Java, `SpecFile.readBuilder(path)`).
        `examples/*/multiarch.yaml` are spec files, and `core/src/test/resources/spec/full.yaml` is a commented one
        that sets every field.

        ```yaml
        apiVersion: multiarch-tekton.dev/v1alpha1
        kind: MultiArchBuild
        metadata:
          name: hello
          namespace: demo
        spec:
          platforms: [linux/amd64, linux/arm64]
          destination:
            image: quay.io/example/hello:1.0
        ```

        Every value is text, and stays text: an unquoted `tag: 1.0` or `revision: 2` is taken as written (`1.0`,
        never `1`), and whatever looks like a number, boolean, null or date is quoted in the generated YAML, so every
        YAML reader reads it back as the same string. A list or a map where text belongs is bad input naming the
        field. Unknown fields are errors (with the closest known field suggested), as are wrong types, duplicate keys
        and several documents in one file. A bad value is one line naming the file, line, field, the value and what
        is allowed; given by a flag, the line names the flag instead.

        ## Fields

        `[]` stands for every item of a list: `spec.native[].platform` is the `platform` of each item of
        `spec.native`.

        | Field | Type | Flag | Required | Default | Meaning |
        |---|---|---|---|---|---|
        """);
    for (SpecField field : SpecField.values()) {
      md.append("| `")
          .append(field.path())
          .append("` | ")
          .append(field.type())
          .append(" | ")
          .append(Flag.of(field).map(SpecDocsTest::flag).orElse("file only"))
          .append(" | ")
          .append(field.required() ? "yes" : "")
          .append(" | ")
          .append(field.defaultValue())
          .append(" | ")
          .append(field.description())
          .append(" |\n");
    }
    md.append(
        """

        ## Flags over a spec file

        - A flag replaces the file's value, with two exceptions: `--build-arg` and `--emulation-node-selector` set
          their entries into the file's map (a key the file has takes the flag's value).
        - The three `--native*` flags together replace the file's `native` list. `--native` names the platforms
          (repeatable, or a comma list); `--native-node-selector PLATFORM:KEY=VALUE` and
          `--native-toleration PLATFORM:KEY[=VALUE][:EFFECT]` refine a platform given with `--native` (a toleration
          without `=VALUE` uses operator `Exists`).
        - `--destination IMAGE[:TAG]` and `--tags` stand for `destination.image` and `destination.tags`: the image's
          tag is the first tag and `--tags` the ones after it. Without `--tags`, the tags after the file's first one
          stay; without `--destination`, the file's repository and first tag stay. A file that gives no tag at all
          has none to keep: `--tags` replaces the default `latest`.
        - The ImageStream is named after the spec unless `imageStream.name` or `--image-stream` names it, so
          `--name` renames it too.
        - Without a file, the flags must give every required field; a missing one is named by its flag:
          `command line: --namespace: required (or give a spec file with -f that sets metadata.namespace)`.
        """);
    return md.toString();
  }

  /**
   * The flag as typed: {@code -n}, {@code --namespace NAMESPACE}, and whether it may be given more
   * than once.
   */
  private static String flag(Flag flag) {
    String spelled =
        (flag.shortName == null ? "" : "`-" + flag.shortName + "`, ")
            + "`--"
            + flag.longName
            + (flag.argName == null ? "" : " " + flag.argName)
            + "`";
    return spelled + (CommandLines.REPEATABLE.contains(flag.longName) ? " (repeatable)" : "");
  }
}
