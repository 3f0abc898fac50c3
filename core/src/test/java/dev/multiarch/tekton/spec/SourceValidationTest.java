package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Source;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  static final String NO_CREDENTIALS_ALLOWED =
      "a URL without a user name, password or token: give git's credentials as the"
          + " .git-credentials of the basic-auth workspace's Secret"
          + " (spec.source.git.credentialsSecret)";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://alice:s3cret@git.example.com/org/app.git | https://***@git.example.com/org/app.git",
        "https://ghp_token123@github.com/org/app.git | https://***@github.com/org/app.git",
        "HTTP://user@git.local/app | HTTP://***@git.local/app",
        "ssh://git:s3cret@git.example.com/org/app.git | ssh://***@git.example.com/org/app.git",
        "https://alice:s3cret@x y | https://***@x y"
      })
  void new_withCredentialsInGitUrl_rejectsWithoutShowingThem(String url, String shown) {
    assertThatThrownBy(() -> Source.git(url, ""))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "spec.source.git.url: '"
                + shown
                + "' is not allowed; expected "
                + NO_CREDENTIALS_ALLOWED)
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("token123");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ssh://git@github.com/example/hello.git",
        "git@github.com:example/hello.git",
        "https://git.example.com/org/app.git?ref=a@b"
      })
  void new_withUserButNoSecretInGitUrl_accepts(String url) {
    assertThat(Source.git(url, "").gitUrl()).isEqualTo(url);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | git-https | '' | spec.source.git.credentialsSecret: 'git-https' is not allowed; expected no credentials without spec.source.git.url",
        "'' | '' | git-ssh | spec.source.git.sshSecret: 'git-ssh' is not allowed; expected no ssh key without spec.source.git.url",
        "https://x.io/r.git | Git_Https | '' | spec.source.git.credentialsSecret: 'Git_Https' is not allowed; expected a DNS-1123 subdomain of at most 253 characters: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
        "https://x.io/r.git | '' | -ssh | spec.source.git.sshSecret: '-ssh' is not allowed; expected a DNS-1123 subdomain of at most 253 characters: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"
      })
  void new_withBadGitSecret_rejects(String url, String credentials, String ssh, String message) {
    assertThatThrownBy(() -> Source.git(url, "").withGitSecrets(credentials, ssh))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(message);
  }

  @Test
  void withGitSecrets_keepsTheRestAndNamesBothSecrets() {
    Source source = Source.git("https://x.io/r.git", "main").withGitSecrets("git-https", "git-ssh");

    assertThat(source.credentialsSecret()).isEqualTo("git-https");
    assertThat(source.sshSecret()).isEqualTo("git-ssh");
    assertThat(source.gitRevision()).isEqualTo("main");
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

  @ParameterizedTest
  @ValueSource(strings = {"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT"})
  void new_withTheBuildPlatformsOwnBuildArg_rejects(String name) {
    assertThatThrownBy(() -> new Source("", "", null, null, Map.of(name, "linux/arm64")))
        .hasMessage(
            "spec.source.buildArgs: '"
                + name
                + "' is not allowed; expected another name: the build sets BUILDPLATFORM, BUILDOS,"
                + " BUILDARCH, BUILDVARIANT to the platform of the node it runs on");
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
