package dev.evalbot.app.platform.github;

/** The raw event a pull request reference came from, so the adapter can wire github-api objects from it for free. */
record GitHubPayload(String event, String json, Long installationId) {}
