package dev.evalbot.rules.check;

/** A finding code that a rule may emit, with its default severity and what it checks. */
public record RuleCode(String code, Severity severity, String checks) {}
