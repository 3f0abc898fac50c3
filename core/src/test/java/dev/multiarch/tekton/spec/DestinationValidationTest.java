package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.Destination;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationValidationTest {

  static final String IMAGE_ALLOWED =
      "an image repository with an optional tag: a registry host[:port], a "
          + "lowercase path and an optional :tag, such as quay.io/org/app:1.2";
  static final String TAG_ALLOWED =
      "an image tag of at most 128 characters: letters, digits, '_', '.' and '-', "
          + "not starting with '.' or '-'";

  @Test
  void parse_withTag_splitsRepositoryAndTag() {
    Destination destination = Destination.parse("quay.io/org/app:1.2");

    assertThat(destination.repository()).isEqualTo("quay.io/org/app");
    assertThat(destination.tags()).containsExactly("1.2");
    assertThat(destination.image()).isEqualTo("quay.io/org/app:1.2");
    assertThat(destination.credentialsSecret()).isEmpty();
  }

  @Test
  void parse_withoutTag_tagsLatest() {
    assertThat(Destination.parse("quay.io/org/app").tags()).containsExactly("latest");
  }

  @Test
  void parse_withRegistryPortAndNestedPath_keepsThem() {
    Destination destination = Destination.parse("registry.example.com:5000/team/sub/my_app--x:v1");

    assertThat(destination.repository()).isEqualTo("registry.example.com:5000/team/sub/my_app--x");
    assertThat(destination.tags()).containsExactly("v1");
  }

  @Test
  void parse_withDigest_explainsDigestCannotBePushedTo() {
    String image = "quay.io/org/app@sha256:" + "a".repeat(64);

    assertThatThrownBy(() -> Destination.parse(image))
        .hasMessage(
            "spec.destination.image: '"
                + image
                + "' is not allowed; expected a repository with an "
                + "optional tag, such as quay.io/org/app:1.2; a digest cannot be pushed to");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "app",
        "org/app",
        "quay.io/Org/app",
        "quay.io/org/app:",
        "quay.io//app",
        "quay.io/org/app:-x",
        "quay.io/org/-app",
        "https://quay.io/org/app",
        "quay.io/org/app tag",
        ""
      })
  void parse_withBadImage_namesFieldAndGrammar(String image) {
    assertThatThrownBy(() -> Destination.parse(image))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "spec.destination.image: '" + image + "' is not allowed; expected " + IMAGE_ALLOWED);
  }

  @Test
  void parse_withNameLongerThan255_rejects() {
    String image = "quay.io/" + "a".repeat(248);

    assertThatThrownBy(() -> Destination.parse(image)).isInstanceOf(InvalidValueException.class);
    assertThat(Destination.parse("quay.io/" + "a".repeat(247)).repository()).hasSize(255);
  }

  @Test
  void of_withImageTagAndMoreTags_putsImageTagFirst() {
    Destination destination =
        Destination.of("quay.io/org/app:1.2", List.of("latest", "1"), "quay-push");

    assertThat(destination.tags()).containsExactly("1.2", "latest", "1");
    assertThat(destination.credentialsSecret()).isEqualTo("quay-push");
  }

  @Test
  void of_withBadMoreTag_namesItsIndex() {
    assertThatThrownBy(() -> Destination.of("quay.io/org/app:1.2", List.of("latest", "a/b"), null))
        .hasMessage("spec.destination.tags[1]: 'a/b' is not allowed; expected " + TAG_ALLOWED);
  }

  @Test
  void of_withRepeatedTag_namesFirstOccurrence() {
    assertThatThrownBy(() -> Destination.of("quay.io/org/app", List.of("1", "latest", "1"), null))
        .hasMessage(
            "spec.destination.tags[2]: '1' is not allowed; expected each tag once; it is already "
                + "spec.destination.tags[0]");
  }

  @Test
  void of_withMoreTagRepeatingImageTag_namesImage() {
    assertThatThrownBy(() -> Destination.of("quay.io/org/app:1.2", List.of("1.2"), null))
        .hasMessage(
            "spec.destination.tags[0]: '1.2' is not allowed; expected each tag once; it is already "
                + "spec.destination.image");
  }

  @Test
  void new_withTagInRepository_rejects() {
    assertThatThrownBy(() -> new Destination("quay.io/org/app:1.2", List.of(), null))
        .hasMessage(
            "spec.destination.image: 'quay.io/org/app:1.2' is not allowed; expected an image repository "
                + "without tag or digest: a registry host[:port] and a lowercase path, such as quay.io/org/app");
  }

  @Test
  void new_withTagOf129Characters_rejects() {
    String tag = "t".repeat(129);

    assertThatThrownBy(() -> new Destination("quay.io/org/app", List.of(tag), null))
        .hasMessage(
            "spec.destination.tags[0]: '" + tag + "' is not allowed; expected " + TAG_ALLOWED);
  }

  @Test
  void new_withBadCredentialsSecret_rejects() {
    assertThatThrownBy(() -> new Destination("quay.io/org/app", null, "Quay_Push"))
        .hasMessage(
            "spec.destination.credentialsSecret: 'Quay_Push' is not allowed; expected a DNS-1123 "
                + "subdomain of at most 253 characters: lowercase letters, digits, '-' and '.', starting and ending "
                + "with a letter or digit");
  }

  @Test
  void new_withDottedCredentialsSecret_accepts() {
    assertThat(new Destination("quay.io/org/app", null, "quay.push-1").credentialsSecret())
        .isEqualTo("quay.push-1");
  }

  @Test
  void imageStream_withTagTooLongForPlatformSuffix_rejects() {
    String tag = "t".repeat(114);

    assertThatThrownBy(() -> new ImageStreamTarget("hello", tag))
        .hasMessage(
            "spec.imageStream.tag: '"
                + tag
                + "' is not allowed; expected an image tag of at most 113 "
                + "characters: letters, digits, '_', '.' and '-', not starting with '.' or '-'");
    assertThat(new ImageStreamTarget("hello", "t".repeat(113)).tag()).hasSize(113);
  }

  @Test
  void imageStream_withBadName_rejects() {
    assertThatThrownBy(() -> new ImageStreamTarget("Hello.World", null))
        .hasMessage(
            "spec.imageStream.name: 'Hello.World' is not allowed; expected a DNS-1123 label of at most 63 "
                + "characters: lowercase letters, digits and '-', starting and ending with a letter or digit");
  }

  @Test
  void imageStream_withoutTag_tagsLatest() {
    assertThat(new ImageStreamTarget("hello", "").tag()).isEqualTo("latest");
  }
}
