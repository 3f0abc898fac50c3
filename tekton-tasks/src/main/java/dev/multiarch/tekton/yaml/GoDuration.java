package dev.multiarch.tekton.yaml;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go durations, as Tekton reads and writes them ({@code 2h}, {@code 1h30m}, {@code 90s}, {@code
 * 0}). fabric8's {@code Duration} parses more than Go does ({@code 2 hours}) and writes nanoseconds
 * ({@code 7200000000000ns}); the YAML writer writes them in their shortest form through {@link
 * #format(Duration)}.
 */
public final class GoDuration {

  private static final String NUMBER_AND_UNIT =
      "([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)";
  private static final Pattern PART = Pattern.compile(NUMBER_AND_UNIT);
  private static final Pattern WHOLE = Pattern.compile("[-+]?(0|(" + NUMBER_AND_UNIT + ")+)");

  private GoDuration() {}

  /**
   * The duration of Go text such as {@code 1h30m}, {@code 1.5s} or {@code 0}, if it is one (Go's
   * time.ParseDuration).
   */
  public static Optional<Duration> parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    if (text.equals("0") || text.equals("+0") || text.equals("-0")) {
      return Optional.of(Duration.ZERO); // the one Go duration without a unit
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      nanos =
          nanos.add(
              new BigDecimal(part.group(1).startsWith(".") ? "0" + part.group(1) : part.group(1))
                  .multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
    }
    Duration duration = Duration.ofNanos(nanos.longValue());
    return Optional.of(text.startsWith("-") ? duration.negated() : duration);
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }

  /**
   * The shortest Go text of a duration in whole seconds: {@code 2h}, {@code 1h30m}, {@code 90s} is
   * {@code 1m30s}.
   */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder(duration.isNegative() ? "-" : "");
    Duration d = duration.abs();
    if (d.toHours() > 0) {
      text.append(d.toHours()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      text.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0 || d.toNanosPart() > 0) {
      text.append(d.toSecondsPart());
      if (d.toNanosPart() > 0) {
        text.append('.').append(String.format("%09d", d.toNanosPart()).replaceAll("0+$", ""));
      }
      text.append('s');
    }
    return text.toString();
  }
}
