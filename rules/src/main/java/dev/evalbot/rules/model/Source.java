package dev.evalbot.rules.model;

/** The {@code source:} block of a results entry; absent fields are null. */
public record Source(String url, String name, String user) {}
