package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.tasks.testing.TempFolderCheck;
import org.junit.jupiter.api.Order;

/** Runs after every other test of the module: they left nothing in the temporary folder. */
@Order(Integer.MAX_VALUE)
class TempFolderLeftoversTest extends TempFolderCheck {}
