package dev.evalbot.app.commands;

/**
 * A comment on a pull request that may hold commands, whatever the platform.
 *
 * @param commentId the platform's id of the comment (for reactions)
 * @param previousBody the body before an edit, or null when the comment is new
 * @param actor who wrote or edited the comment: the person the commands are run for
 * @param actorIsBot the platform marks the actor as a bot or app
 * @param commentAuthor who the comment belongs to (differs from {@code actor} when someone edits another's comment)
 */
public record CommentEvent(String commentId, String body, String previousBody, String actor, boolean actorIsBot,
        String commentAuthor, boolean commentAuthorIsBot) {
    public CommentEvent {
        body = body == null ? "" : body;
    }

    public boolean edited() {
        return previousBody != null;
    }
}
