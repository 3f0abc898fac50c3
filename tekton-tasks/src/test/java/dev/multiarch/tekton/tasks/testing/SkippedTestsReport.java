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
 * Prints, when a module's tests end, one loud line per missing host tool: how many tests it skipped and the line
 * that installs it. Registered through {@code META-INF/services}, so every module whose tests use
 * {@link HostTools} reports without asking.
 */
public final class SkippedTestsReport implements TestExecutionListener {

  private final Map<String, Integer> skipped = new LinkedHashMap<>();
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
    List<String> missing = HostTools.missingIn(result.getThrowable().map(Throwable::getMessage).orElse(null));
    // A skip in a class's @BeforeAll skips every test of the class.
    int tests = id.isTest() ? 1 : (int) Math.max(1, plan.getDescendants(id).stream().filter(TestIdentifier::isTest)
        .count());
    missing.forEach(tool -> skipped.merge(tool, tests, Integer::sum));
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
    print(skipped, System.err);
  }

  static void print(Map<String, Integer> skipped, PrintStream err) {
    if (skipped.isEmpty()) {
      return;
    }
    String bar = "!".repeat(100);
    err.println();
    err.println(bar);
    skipped.forEach((tool, count) -> err.printf("!! SKIPPED %d test%s: %s; %s%n", count, count == 1 ? "" : "s",
        tool.equals("root") ? "the tests do not run as root" : tool + " is missing on this host",
        HostTools.remedy(tool)));
    err.println("!! " + HostTools.REQUIRE_ENV + "=require turns these skips into failures; .ci/run sets it and"
        + " installs every tool");
    err.println(bar);
    err.flush();
  }
}
