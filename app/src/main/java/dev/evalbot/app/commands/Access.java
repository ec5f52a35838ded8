package dev.evalbot.app.commands;

/** What a person may ask of evalbot on one pull request, from least to most. */
public enum Access {
    /** Anyone else: no commands. */
    NONE("nobody"),
    /** The pull request's author: help and recheck. */
    AUTHOR("the pull request's author and maintainers"),
    /** Write, maintain or admin on the repository, or listed under {@code maintainers:} in {@code .evalbot.yml}. */
    MAINTAINER("maintainers");

    private final String who;

    Access(String who) {
        this.who = who;
    }

    public boolean allows(Access required) {
        return compareTo(required) >= 0;
    }

    /** Who holds at least this access, for the help text. */
    public String who() {
        return who;
    }
}
