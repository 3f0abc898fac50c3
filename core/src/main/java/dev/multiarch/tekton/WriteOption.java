package dev.multiarch.tekton;

/**
 * How {@link GeneratedPipeline#writeTo(java.nio.file.Path, WriteOption...)} may treat the folder it
 * writes.
 */
public enum WriteOption {
  /**
   * Overwrite (or delete, if no longer generated) files the tool wrote that someone edited since,
   * instead of refusing; their edits are lost. Files the tool never wrote are still never touched.
   */
  OVERWRITE_EDITED_FILES
}
