package dev.multiarch.tekton.cluster.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The one reader of the times a cluster reports ({@code creationTimestamp}, {@code startTime},
 * {@code completionTime}): RFC 3339, as Kubernetes writes them; anything else a broken or hostile
 * server sends is no time at all, never an exception.
 */
public final class Times {

  /**
   * Longer than any build: a span beyond it comes from a time far off in the past or future, and is
   * shown as unknown rather than overflowing a printer's milliseconds.
   */
  private static final Duration LONGEST = Duration.ofDays(366L * 1000);

  private Times() {}

  /** The instant {@code text} names; empty when it is absent or not an RFC 3339 time. */
  public static Optional<Instant> instant(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * From {@code start} to {@code end}, or to {@code now} while there is no end; empty when either
   * time is there but not a time, there is no start, or it spans more than a thousand years. Never
   * negative.
   */
  public static Optional<Duration> between(String start, String end, Instant now) {
    Optional<Instant> from = instant(start);
    Optional<Instant> to = end == null || end.isBlank() ? Optional.of(now) : instant(end);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    Duration duration = Duration.between(from.get(), to.get());
    if (duration.compareTo(LONGEST) > 0) {
      return Optional.empty();
    }
    return Optional.of(duration.isNegative() ? Duration.ZERO : duration);
  }
}
