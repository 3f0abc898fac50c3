package dev.multiarch.tekton.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each way a file operation fails, said in words: never a Java class name. */
class IoReasonsTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new NoSuchFileException("/x"), "no such file or folder"),
        Arguments.of(new AccessDeniedException("/x"), "permission denied"),
        Arguments.of(new NotDirectoryException("/x"), "not a folder"),
        Arguments.of(new DirectoryNotEmptyException("/x"), "the folder is not empty"),
        Arguments.of(new MalformedInputException(1), "not UTF-8 text"),
        Arguments.of(
            new FileSystemException("/x", null, "No space left on device"),
            "no space left on the device"),
        Arguments.of(
            new FileSystemException("/x", null, "Read-only file system"), "read-only file system"),
        Arguments.of(new FileSystemException("/x", null, "Is a directory"), "a folder, not a file"),
        Arguments.of(new IOException("No space left on device"), "no space left on the device"),
        Arguments.of(
            new IOException("java.nio.file.AccessDeniedException: Permission denied"),
            "permission denied"),
        Arguments.of(new IOException(), "input/output error"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void of_givesTheReasonInWords(IOException failure, String reason) {
    assertThat(IoReasons.of(failure)).isEqualTo(reason);
  }

  @ParameterizedTest
  @MethodSource("failures")
  void withFile_namesTheFileWhenTheFailureHasOne(IOException failure, String reason) {
    String file =
        failure instanceof FileSystemException fs && fs.getFile() != null
            ? fs.getFile() + ": "
            : "";

    assertThat(IoReasons.withFile(failure)).isEqualTo(file + reason);
  }
}
