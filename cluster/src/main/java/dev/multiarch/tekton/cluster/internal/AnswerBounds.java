package dev.multiarch.tekton.cluster.internal;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the body of every answer but a followed log stream: at most {@link #MAX_BYTES}, read whole
 * within the request timeout. fabric8 reads an answer whole into memory and waits for it without
 * end ({@code OperationSupport.waitForResult} calls {@code future.get()}); the HTTP client's own
 * timeout only fires when nothing comes, so a server that trickles bytes, or sends them for ever,
 * would hold a command and its memory.
 */
final class AnswerBounds implements Interceptor {

  /** The most one answer may hold: a list of every PipelineRun of a busy namespace fits. */
  static final long MAX_BYTES = 32L << 20;

  /** How long past the timeout the watchdog waits for the HTTP client's own timeout to fire. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "multiarch-tekton-answer-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  /** The threads the watchdog interrupted, until {@link #timedOut} is asked. */
  private static final Set<Thread> INTERRUPTED = ConcurrentHashMap.newKeySet();

  /** The latest bounded request each thread made. */
  private static final Map<Thread, Bounded> LATEST =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Duration timeout;

  AnswerBounds(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * True, once, if the watchdog interrupted the current thread's wait for an answer; its interrupt
   * is cleared then, as the wait it ended is over.
   */
  static boolean timedOut() {
    if (INTERRUPTED.remove(Thread.currentThread())) {
      Thread.interrupted();
      return true;
    }
    return false;
  }

  /** An answer went past a bound; the {@link Failures} line names which. */
  static final class Exceeded extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean tooLarge;

    Exceeded(boolean tooLarge) {
      super(tooLarge ? "answer too large" : "answer too slow");
      this.tooLarge = tooLarge;
    }

    boolean tooLarge() {
      return tooLarge;
    }
  }

  /** A followed log may wait as long as its step runs; Ctrl-C ends it. */
  private static boolean followed(HttpRequest request) {
    String query = request.uri().getRawQuery();
    return query != null && (query.contains("follow=true") || query.contains("watch=true"));
  }

  /**
   * Gives every request but a followed one the timeout: fabric8 sets none on some (discovery's
   * {@code getApiResources}), and without one the HTTP client waits for ever for a server that
   * accepted the connection and says nothing. Vert.x takes it as the longest silence of the answer
   * ({@code VertxHttpClient} passes it to {@code RequestOptions.setTimeout}).
   */
  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (builder instanceof HttpRequest.Builder http && !followed(request)) {
      http.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public AsyncBody.Consumer<List<ByteBuffer>> consumer(
      AsyncBody.Consumer<List<ByteBuffer>> consumer, HttpRequest request) {
    if (followed(request)) {
      return consumer;
    }
    Bounded bounded = new Bounded(consumer, System.nanoTime() + timeout.toNanos());
    // Vert.x's timeout does not fire while a status line or header is half sent, and fabric8
    // then waits for the answer without end (OperationSupport.waitForResult): the thread that
    // waits is interrupted, which fabric8 turns into an InterruptedIOException.
    Thread caller = Thread.currentThread();
    LATEST.put(caller, bounded);
    var unused =
        WATCHDOG.schedule(
            () -> {
              // Only a thread still waiting in fabric8, for this request and no later one.
              if (LATEST.get(caller) == bounded && waitingForAnswer(caller)) {
                INTERRUPTED.add(caller);
                caller.interrupt();
              }
            },
            timeout.plus(GRACE).toMillis(),
            TimeUnit.MILLISECONDS);
    return bounded;
  }

  private static boolean waitingForAnswer(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getMethodName().equals("waitForResult")
          && frame.getClassName().startsWith("io.fabric8.kubernetes.client.")) {
        return true;
      }
    }
    return false;
  }

  private static final class Bounded implements AsyncBody.Consumer<List<ByteBuffer>> {
    private final AsyncBody.Consumer<List<ByteBuffer>> delegate;
    private final long deadline;
    private long bytes;

    Bounded(AsyncBody.Consumer<List<ByteBuffer>> delegate, long deadline) {
      this.delegate = delegate;
      this.deadline = deadline;
    }

    @Override
    public void consume(List<ByteBuffer> buffers, AsyncBody body) throws Exception {
      for (ByteBuffer buffer : buffers) {
        bytes += buffer.remaining();
      }
      // Thrown here, the HTTP client resets the connection and fails the answer with it.
      if (bytes > MAX_BYTES) {
        throw new Exceeded(true);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new Exceeded(false);
      }
      delegate.consume(buffers, body);
    }

    @Override
    public <U> U unwrap(Class<U> target) {
      return getClass().equals(target) ? target.cast(this) : delegate.unwrap(target);
    }
  }
}
