package dev.evalbot.rules.model;

/** The {@code dataset:} block of a results entry; absent fields are null. */
public record DatasetRef(String id, String taskId, String config, String split, String revision) {}
