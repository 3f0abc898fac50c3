package dev.multiarch.tekton.tasks.testing;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, when a module's tests end, one loud line per set of missing host tools that skipped
 * tests: how many tests, which tools, and the one line that installs them all. (Tests that need
 * buildah, skopeo and QEMU alike are counted once, not once per tool.) Registered through {@code
 * META-INF/services}, so every module whose tests use {@link HostTools} reports without asking.
 */
public final class SkippedTestsReport implements TestExecutionListener {

  private final Map<List<String>, Integer> skipped = new LinkedHashMap<>();
  private TestPlan plan;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    skipped.clear();
  }

  @Override
  public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (result.getStatus() != TestExecutionResult.Status.ABORTED) {
      return;
    }
    List<String> missing =
        HostTools.missingIn(result.getThrowable().map(Throwable::getMessage).orElse(null));
    // A skip in a class's @BeforeAll skips every test of the class.
    int tests =
        id.isTest()
            ? 1
            : (int)
                Math.max(
                    1, plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count());
    if (!missing.isEmpty()) {
      skipped.merge(missing, tests, Integer::sum);
    }
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
    print(skipped, System.err);
  }

  static void print(Map<List<String>, Integer> skipped, PrintStream err) {
    if (skipped.isEmpty()) {
      return;
    }
    String bar = "!".repeat(100);
    err.println();
    err.println(bar);
    skipped.forEach(
        (missing, count) ->
            err.printf(
                "!! SKIPPED %d test%s: %s; %s%n",
                count, count == 1 ? "" : "s", reason(missing), HostTools.remedy(missing)));
    err.println(
        "!! "
            + HostTools.REQUIRE_ENV
            + "=require turns these skips into failures; .ci/run sets it and"
            + " installs every tool");
    err.println(bar);
    err.flush();
  }

  /** "buildah and skopeo are missing on this host, and the tests do not run as root". */
  static String reason(List<String> missing) {
    List<String> tools = missing.stream().filter(t -> !t.equals("root")).toList();
    String root = "the tests do not run as root";
    if (tools.isEmpty()) {
      return root;
    }
    String names =
        tools.size() == 1
            ? tools.get(0)
            : String.join(", ", tools.subList(0, tools.size() - 1))
                + " and "
                + tools.get(tools.size() - 1);
    return names
        + (tools.size() == 1 ? " is" : " are")
        + " missing on this host"
        + (missing.contains("root") ? ", and " + root : "");
  }
}
