package dev.multiarch.tekton.validate.internal.structure;

import dev.multiarch.tekton.text.Suggestions;
import java.util.Collection;
import java.util.List;

/** The message for a field the model does not have: the closest known one, or all of them. */
final class UnknownFields {

  private UnknownFields() {}

  /**
   * {@code unknown field 'taskRefs'; did you mean 'taskRef'?} or {@code unknown field 'foo'; known:
   * a, b, c}.
   */
  static String message(String name, Collection<String> known) {
    // The spec parser's helper, so that spec files and Tekton YAML say "did you mean" alike.
    String hint = Suggestions.didYouMean(name, List.copyOf(known)).strip();
    return "unknown field '"
        + name
        + "'; "
        + (hint.isEmpty() ? "known: " + String.join(", ", known) : hint);
  }
}
