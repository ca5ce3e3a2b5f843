package io.sluice.config;

/**
 * Which CreateFlow member carried the sources: {@code Source} (one source) or {@code Sources} (a list of one or two).
 * Kept so that a document is written back the way it was read.
 */
public enum SourceMember {
    SOURCE,
    SOURCES
}
