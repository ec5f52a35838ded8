package dev.evalbot.app.event;

/**
 * A comment on a pull request that may hold commands, whatever the platform.
 *
 * @param commentId the platform's id of the comment (for reactions)
 * @param previousBody the body before an edit, or null when the comment is new
 * @param actor who wrote or edited the comment: the person the commands are run for; null when the
 *     payload names only {@code actorId} (the Hub), until the platform's command port resolves it
 * @param actorIsBot the platform marks the actor as a bot or app
 * @param commentAuthor who the comment belongs to (differs from {@code actor} when someone edits another's comment)
 * @param actorId the platform's id of the actor when the payload gives one, or null
 */
public record Comment(String commentId, String body, String previousBody, String actor, boolean actorIsBot,
        String commentAuthor, boolean commentAuthorIsBot, String actorId) {
    public Comment {
        body = body == null ? "" : body;
    }

    public boolean edited() {
        return previousBody != null;
    }

    /** This comment with its actor (and author) named, as the platform resolved them. */
    public Comment by(String login, boolean bot) {
        return new Comment(commentId, body, previousBody, login, bot, login, bot, actorId);
    }
}
