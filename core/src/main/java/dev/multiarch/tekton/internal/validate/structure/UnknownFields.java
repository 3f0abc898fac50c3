package dev.multiarch.tekton.internal.validate.structure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;

/** The message for a field the model does not have: the closest known one, or all of them. */
final class UnknownFields {

  // The spec parser's did-you-mean helper is package-private in internal.spec; it is borrowed here rather than
  // copied, so that both say "did you mean" alike. Making it public would make this plain call.
  private static final Method DID_YOU_MEAN = didYouMeanMethod();

  private UnknownFields() {
  }

  /** {@code unknown field 'taskRefs'; did you mean 'taskRef'?} or {@code unknown field 'foo'; known: a, b, c}. */
  static String message(String name, Collection<String> known) {
    String hint = didYouMean(name, List.copyOf(known)).strip();
    return "unknown field '" + name + "'; " + (hint.isEmpty() ? "known: " + String.join(", ", known) : hint);
  }

  private static String didYouMean(String given, List<String> known) {
    try {
      return (String) DID_YOU_MEAN.invoke(null, given, known);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Suggestions.didYouMean failed for '" + given + "'", e);
    }
  }

  private static Method didYouMeanMethod() {
    try {
      Method method = Class.forName("dev.multiarch.tekton.internal.spec.Suggestions")
          .getDeclaredMethod("didYouMean", String.class, List.class);
      method.setAccessible(true);
      return method;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("dev.multiarch.tekton.internal.spec.Suggestions.didYouMean(String, List)"
          + " not found", e);
    }
  }
}
