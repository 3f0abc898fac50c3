package dev.multiarch.tekton.validate;

import dev.multiarch.tekton.text.Printable;
import java.util.Objects;

/**
 * A feature flag that Tekton does not know, or a value it does not accept for its key. The message
 * is one line: {@code enable-api-fields: 'gamma' is not allowed; expected one of stable, beta,
 * alpha}, the value escaped and cut as {@link Printable#quoted} does; {@link #value()} keeps it
 * whole.
 */
public class FeatureFlagException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String value;
  private final String allowed;

  /**
   * @param key the flag's key, or {@code feature flag} when the key itself is the bad value
   * @param value the bad value
   * @param allowed what is allowed instead
   */
  public FeatureFlagException(String key, String value, String allowed) {
    super(Printable.notAllowed(key, value, allowed));
    this.key = Objects.requireNonNull(key, "key");
    this.value = Objects.requireNonNull(value, "value");
    this.allowed = Objects.requireNonNull(allowed, "allowed");
  }

  public String key() {
    return key;
  }

  public String value() {
    return value;
  }

  public String allowed() {
    return allowed;
  }
}
