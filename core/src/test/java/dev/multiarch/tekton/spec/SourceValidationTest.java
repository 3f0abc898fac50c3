package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Source;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceValidationTest {

  static final String URL_ALLOWED =
      "a git URL of at most 2048 characters starting with https://, http://, "
          + "ssh://, git:// or file://, or user@host:path, without whitespace";
  static final String REVISION_ALLOWED =
      "a branch, tag or commit of at most 255 characters, without whitespace, "
          + "'..', '~', '^', ':', '?', '*', '[' or '\\', not starting with '-'";
  static final String PATH_ALLOWED =
      "a relative path of at most 4096 characters inside the source, without '..' "
          + "segments or control characters, not starting with '/' or '-'";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/example/hello.git",
        "http://git.local/hello",
        "ssh://git@github.com/example/hello.git",
        "git://git.local/hello",
        "file:///srv/git/hello",
        "git@github.com:example/hello.git"
      })
  void new_withSupportedGitUrl_accepts(String url) {
    assertThat(Source.git(url, "main").gitUrl()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "github.com/example/hello",
        "ftp://example.com/x",
        "-uhttps://x",
        "https://x y",
        "https://x\n",
        "ext::sh -c id",
        "https://"
      })
  void new_withUnsupportedGitUrl_rejects(String url) {
    assertThatThrownBy(() -> Source.git(url, ""))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("spec.source.git.url: '")
        .hasMessageEndingWith("' is not allowed; expected " + URL_ALLOWED);
  }

  @Test
  void new_withOptionLikeGitUrl_namesField() {
    assertThatThrownBy(() -> Source.git("--upload-pack=touch /tmp/x", ""))
        .hasMessage(
            "spec.source.git.url: '--upload-pack=touch /tmp/x' is not allowed; expected "
                + URL_ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "main",
        "v1.2.3",
        "feature/arm-support",
        "0f3c9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b",
        "refs/heads/main"
      })
  void new_withGitRevision_accepts(String revision) {
    assertThat(Source.git("https://x.io/r.git", revision).gitRevision()).isEqualTo(revision);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-main",
        "main..dev",
        "HEAD~1",
        "HEAD^",
        "a:b",
        "a?",
        "a*",
        "a[",
        "a\\b",
        "a b",
        "a\tb"
      })
  void new_withBadGitRevision_rejects(String revision) {
    assertThatThrownBy(() -> Source.git("https://x.io/r.git", revision))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("spec.source.git.revision: '")
        .hasMessageEndingWith(" is not allowed; expected " + REVISION_ALLOWED);
  }

  @Test
  void new_withOverlongGitRevision_rejects() {
    assertThatThrownBy(() -> Source.git("https://x.io/r.git", "r".repeat(256)))
        .isInstanceOf(InvalidValueException.class);
    assertThat(Source.git("https://x.io/r.git", "r".repeat(255)).gitRevision()).hasSize(255);
  }

  @Test
  void new_withRevisionButNoUrl_rejects() {
    assertThatThrownBy(() -> new Source("", "main", null, null, null))
        .hasMessage(
            "spec.source.git.revision: 'main' is not allowed; expected no revision without "
                + "spec.source.git.url");
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "app", "./app", "sub dir/app", "a..b", "..a/b"})
  void new_withRelativeContext_accepts(String context) {
    assertThat(new Source("", "", context, null, null).context()).isEqualTo(context);
  }

  @Test
  void new_withParentSegmentInContext_rejects() {
    assertThatThrownBy(() -> new Source("", "", "app/../..", null, null))
        .hasMessage("spec.source.context: 'app/../..' is not allowed; expected " + PATH_ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "..", "../x", "x/..", "-f", "a\nb"})
  void new_withBadContainerfile_rejects(String file) {
    assertThatThrownBy(() -> new Source("", "", null, file, null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("spec.source.containerfile: '")
        .hasMessageEndingWith(" is not allowed; expected " + PATH_ALLOWED);
  }

  @Test
  void new_withHostileButLegalBuildArgValues_keepsThemUnchanged() {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("QUOTES", "it's \"quoted\"");
    args.put("SUBST", "$(id) ${HOME} $HOME");
    args.put("BACKTICKS", "`id`");
    args.put("SEMICOLON", "a; rm -rf / && echo | cat > x");
    args.put("_EMPTY", "");
    args.put("TEKTON", "$(params.x)");

    Source source = new Source("", "", null, null, args);

    assertThat(source.buildArgs()).containsExactlyEntriesOf(args);
  }

  @Test
  void new_withNewlineInBuildArgValue_rejects() {
    assertThatThrownBy(() -> new Source("", "", null, null, Map.of("VERSION", "1.2\nRUN id")))
        .hasMessage(
            "spec.source.buildArgs.VERSION: '1.2\\nRUN id' is not allowed; expected a value of at most "
                + "4096 characters without control characters such as newlines or tabs");
  }

  @Test
  void new_withNulInBuildArgValue_rejects() {
    assertThatThrownBy(() -> new Source("", "", null, null, Map.of("V", "a\0b")))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("spec.source.buildArgs.V");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1VERSION", "MY-ARG", "A B", "A=B", ""})
  void new_withBadBuildArgName_rejects(String name) {
    assertThatThrownBy(() -> new Source("", "", null, null, Map.of(name, "x")))
        .hasMessage(
            "spec.source.buildArgs: '"
                + name
                + "' is not allowed; expected a build-arg name of "
                + "at most 128 letters, digits and '_', not starting with a digit");
  }

  @Test
  void new_withValuesOverTheirLengthLimits_rejectsEach() {
    String longPath = "d/".repeat(2049);
    assertThatThrownBy(() -> new Source("", "", longPath, null, Map.of()))
        .hasMessageStartingWith("spec.source.context: 'd/d/")
        .hasMessageEndingWith(
            "... (3898 more characters) is " + "not allowed; expected " + PATH_ALLOWED);
    assertThatThrownBy(() -> Source.git("https://example.com/" + "r".repeat(2029), ""))
        .hasMessageEndingWith("... (1849 more characters) is not allowed; expected " + URL_ALLOWED);
    assertThatThrownBy(() -> new Source("", "", null, null, Map.of("N".repeat(129), "x")))
        .hasMessageStartingWith("spec.source.buildArgs: 'NNN");
    Map<String, String> many = new java.util.LinkedHashMap<>();
    for (int i = 0; i <= 64; i++) {
      many.put("A" + i, "x");
    }
    assertThatThrownBy(() -> new Source("", "", null, null, many))
        .hasMessage(
            "spec.source.buildArgs: '65 build arguments' is not allowed; expected at most 64");
    assertThat(new Source("", "", "d/".repeat(2048), null, Map.of("V", "v".repeat(4096))).context())
        .hasSize(4096);
  }
}
