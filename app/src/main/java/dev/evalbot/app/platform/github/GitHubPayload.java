package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The raw event a pull request reference came from, so the adapter can wire github-api objects from it for free. */
record GitHubPayload(String event, String json, Long installationId) {
    /**
     * Adds the {@code repository} of {@code owner/name} to a payload as github-api's routes read it
     * (name, full name, owner's login): all a route-only payload needs to name the repository.
     */
    static void putRepository(ObjectNode root, String repo) {
        String[] ownerName = repo.split("/", 2);
        ObjectNode repository = root.putObject("repository");
        repository.put("name", ownerName.length == 2 ? ownerName[1] : repo);
        repository.put("full_name", repo);
        repository.putObject("owner").put("login", ownerName[0]);
    }
}
