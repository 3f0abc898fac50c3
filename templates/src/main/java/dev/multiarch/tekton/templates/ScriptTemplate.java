package dev.multiarch.tekton.templates;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The step scripts of the Tekton tasks, as FreeMarker templates, each listed here explicitly.
 *
 * <p>The model only ever holds constants from this project's own Java code (the platform table,
 * fixed names), never user values: user values reach the scripts at run time through step {@code
 * env} and {@code args} only, so nothing a user types is ever pasted into script text. Templates
 * use {@code [=expr]} interpolation so that bash's {@code ${VAR}} stays literal.
 */
public enum ScriptTemplate {

  /** Resolve-commit task: resolves GIT_REVISION to the one commit every platform builds. */
  RESOLVE_COMMIT("resolve-commit.sh.ftl"),
  /**
   * Binfmt task: checks every platform runs on this node (natively or through an enabled F-flag
   * emulator).
   */
  BINFMT_VERIFY("binfmt-verify.sh.ftl"),
  /** Build task: proves this node can run the build's platform before anything is built. */
  CHECK_PLATFORM("check-platform.sh.ftl"),
  /**
   * Build task: shallow-clones the source into a per-platform directory of the source workspace.
   */
  FETCH_SOURCE("fetch-source.sh.ftl"),
  /** Build task: builds one platform's image with buildah and pushes it by digest. */
  BUILD_AND_PUSH("build-and-push.sh.ftl"),
  /** Manifest task: assembles the per-platform images into one manifest list and pushes it. */
  MANIFEST_CREATE_AND_PUSH("manifest-create-and-push.sh.ftl"),
  /**
   * Emulator DaemonSet's container: proves the registrations, stays, and removes them on stop when
   * asked.
   */
  BINFMT_DAEMON("binfmt-daemon.sh.ftl"),
  /** Emulator DaemonSet's readiness probe: fails while an emulator is missing or disabled. */
  BINFMT_READY("binfmt-ready.sh.ftl"),
  /**
   * Before registering: lists the emulators' entries an unprivileged container cannot use (SELinux
   * level s0), for {@link #BINFMT_RELEASE} to remove.
   */
  BINFMT_USABLE("binfmt-usable.sh.ftl"),
  /** Removes the entries {@link #BINFMT_USABLE} listed, so that binfmt registers them again. */
  BINFMT_RELEASE("binfmt-release.sh.ftl"),
  /**
   * Builder image bootstrap: proves the node runs the platform natively and writes the embedded
   * {@code containers/Containerfile} (model: {@code containerfile}, {@code delimiter}) as the build
   * context.
   */
  BUILDER_IMAGE_CONTEXT("builder-image-context.sh.ftl"),
  /**
   * Import-index task: imports the published image index into the release's ImageStream tag (import
   * mode PreserveOriginal) and proves the tag holds every platform.
   */
  IMPORT_INDEX("import-index.sh.ftl");

  private static final Configuration CONFIGURATION = configuration();

  /** The quoted heredoc's delimiter that carries the Containerfile into a script. */
  public static final String CONTAINERFILE_DELIMITER = "MULTIARCH_TEKTON_CONTAINERFILE";

  private final String fileName;

  ScriptTemplate(String fileName) {
    this.fileName = fileName;
  }

  /** The template's file name, next to this class on the classpath. */
  public String fileName() {
    return fileName;
  }

  /**
   * Renders the script with {@code \n} line endings and exactly one trailing newline.
   *
   * @throws IllegalStateException if the model lacks a value the template uses
   */
  public String render(Map<String, ?> model) {
    Objects.requireNonNull(model, "model");
    try {
      Template template = CONFIGURATION.getTemplate(fileName);
      StringWriter out = new StringWriter();
      template.process(model, out);
      return normalize(out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + fileName, e);
    } catch (TemplateException e) {
      throw new IllegalStateException(
          "cannot render template " + fileName + ": " + e.getMessageWithoutStackTop(), e);
    }
  }

  /**
   * The builder image's Containerfile, {@code containers/Containerfile} of the repository, packaged
   * with this module so that the bootstrap Task embeds the one source.
   */
  public static String containerfile() {
    try (InputStream in = ScriptTemplate.class.getResourceAsStream("containers/Containerfile")) {
      if (in == null) {
        throw new IllegalStateException("containers/Containerfile is not packaged (a build bug)");
      }
      return normalize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read containers/Containerfile", e);
    }
  }

  private static String normalize(String text) {
    String unix = text.replace("\r\n", "\n");
    int end = unix.length();
    while (end > 0 && Character.isWhitespace(unix.charAt(end - 1))) {
      end--;
    }
    return unix.substring(0, end) + "\n";
  }

  private static Configuration configuration() {
    Configuration config = new Configuration(Configuration.VERSION_2_3_34);
    config.setClassForTemplateLoading(ScriptTemplate.class, "");
    config.setDefaultEncoding(StandardCharsets.UTF_8.name());
    // Strict: a missing variable is an error, never an empty string or a logged warning.
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    // [=x] for our values leaves bash's ${x} alone; <#...> tags never occur in bash.
    config.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    config.setTagSyntax(Configuration.ANGLE_BRACKET_TAG_SYNTAX);
    config.setOutputEncoding(StandardCharsets.UTF_8.name());
    return config;
  }
}
