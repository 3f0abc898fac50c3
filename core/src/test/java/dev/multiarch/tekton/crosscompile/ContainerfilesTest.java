package dev.multiarch.tekton.crosscompile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.Containerfiles;
import dev.multiarch.tekton.Containerfiles.TargetInstruction;
import dev.multiarch.tekton.tasks.testing.ContainerfileTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Core's reader against the table the build task's shell is also tested against (ScriptBehaviour's
 * cross-compilation test in tekton-tasks).
 */
class ContainerfilesTest {

  static List<ContainerfileTable.Case> cases() {
    return ContainerfileTable.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void firstTargetInstruction_findsWhatTheTableSays(ContainerfileTable.Case row) {
    // When
    String found =
        Containerfiles.firstTargetInstruction(row.containerfile())
            .map(TargetInstruction::toString)
            .orElse("none");

    // Then
    assertThat(found).isEqualTo(row.expected());
  }

  @Test
  void table_holdsBothOutcomes() {
    assertThat(cases()).extracting(ContainerfileTable.Case::expected).contains("none");
    assertThat(cases()).filteredOn(c -> !c.expected().equals("none")).hasSizeGreaterThan(10);
  }

  @Test
  void firstTargetInstruction_ofAFile_readsCrLfLinesAsTheShellDoes(@TempDir Path tmp)
      throws IOException {
    // Given
    Path file = tmp.resolve("Containerfile");
    Files.writeString(
        file, "FROM --platform=$BUILDPLATFORM golang AS build\r\nFROM scratch\r\nRUN true\r\n");

    // When / Then
    assertThat(Containerfiles.firstTargetInstruction(file))
        .contains(new TargetInstruction(3, "RUN true"));
  }
}
