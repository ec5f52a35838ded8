package dev.evalbot.app.review;

/** A commit status. GitHub has no "neutral" status: a PR with nothing to review gets success. */
public enum CommitState { PENDING, SUCCESS, FAILURE, ERROR }
