package dev.multiarch.tekton.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
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

  // Go's time.Duration is an int64 of nanoseconds: -2^63 is a duration, 2^63 is not.
  private static final BigInteger MOST_POSITIVE = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MOST_NEGATIVE = MOST_POSITIVE.add(BigInteger.ONE);
  // 2^63 has 19 digits: no number with more whole digits fits in any unit.
  private static final int MAX_WHOLE_DIGITS = 19;

  /** Go's longest duration, as Go writes it: {@code time.Duration(math.MaxInt64).String()}. */
  public static final String LONGEST = "2562047h47m16.854775807s";

  private GoDuration() {}

  /**
   * The duration of Go text such as {@code 1h30m}, {@code 1.5s} or {@code 0}, if it is one (Go's
   * time.ParseDuration). Like Go, text beyond what a signed 64-bit count of nanoseconds holds
   * (about 2562047h47m16.854775807s either way) is no duration: Go's {@code ParseDuration} in
   * {@code src/time/format.go} answers {@code time: invalid duration} for it, where a wrapped value
   * would turn a huge timeout negative.
   */
  public static Optional<Duration> parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    if (text.equals("0") || text.equals("+0") || text.equals("-0")) {
      return Optional.of(Duration.ZERO); // the one Go duration without a unit
    }
    boolean negative = text.startsWith("-");
    BigInteger limit = negative ? MOST_NEGATIVE : MOST_POSITIVE;
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      String number = part.group(1);
      int point = number.indexOf('.');
      String whole = (point < 0 ? number : number.substring(0, point)).replaceFirst("^0+", "");
      if (whole.length() > MAX_WHOLE_DIGITS) {
        return Optional.empty(); // beyond any unit's range; not worth a BigDecimal of its length
      }
      // Go's leadingFraction stops adding precision once it would overflow; nanoseconds need
      // far fewer fraction digits than this.
      String fraction =
          point < 0 ? "" : number.substring(point + 1, Math.min(number.length(), point + 31));
      nanos =
          nanos.add(
              new BigDecimal((whole.isEmpty() ? "0" : whole) + "." + fraction + "0")
                  .multiply(BigDecimal.valueOf(unitNanos(part.group(2))))
                  .setScale(0, RoundingMode.DOWN));
      if (nanos.toBigInteger().compareTo(limit) > 0) {
        return Optional.empty();
      }
    }
    BigInteger total = nanos.toBigInteger();
    return Optional.of(Duration.ofNanos((negative ? total.negate() : total).longValueExact()));
  }

  /**
   * Whether {@code text} is written as a Go duration but is longer than Go's longest, {@link
   * #LONGEST}, either way: {@code 2562048h}.
   */
  public static boolean isOutOfRange(String text) {
    return text != null && WHOLE.matcher(text).matches() && parse(text).isEmpty();
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
