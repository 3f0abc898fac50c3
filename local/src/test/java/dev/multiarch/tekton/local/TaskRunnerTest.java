package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRunnerTest {

  @TempDir Path dir;

  @Test
  void interpreter_plainShebang_isTheInterpreterAlone() {
    assertThat(TaskRunner.interpreter("#!/bin/sh\nset -e\necho hi\n")).containsExactly("/bin/sh");
  }

  @Test
  void interpreter_shebangWithArguments_passesTheRestAsOneArgumentAsTheKernelDoes() {
    assertThat(TaskRunner.interpreter("#!/usr/bin/env bash\n"))
        .containsExactly("/usr/bin/env", "bash");
    assertThat(TaskRunner.interpreter("#! /bin/bash -eu -o pipefail  \nexit 0"))
        .containsExactly("/bin/bash", "-eu -o pipefail");
  }

  @Test
  void lastError_logWithErrorLines_isTheLastErrorLine() throws IOException {
    // Given
    Path log =
        Files.writeString(
            dir.resolve("01-build.log"), "ERROR: first\nbuilding\nError: second\ncleaning up\n\n");

    // When / Then
    assertThat(TaskRunner.lastError(log)).contains("Error: second");
  }

  @Test
  void lastError_logWithoutErrorLines_isTheLastNonEmptyLine() throws IOException {
    // Given
    Path log =
        Files.writeString(dir.resolve("01-build.log"), "step one\n  exec format error  \n\n");

    // When / Then
    assertThat(TaskRunner.lastError(log)).contains("exec format error");
  }

  @Test
  void lastError_emptyOrMissingLog_isEmpty() throws IOException {
    assertThat(TaskRunner.lastError(Files.writeString(dir.resolve("empty.log"), ""))).isEmpty();
    assertThat(TaskRunner.lastError(dir.resolve("missing.log"))).isEmpty();
  }
}
