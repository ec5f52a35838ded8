package dev.evalbot.app.event;

import java.util.regex.Pattern;

/**
 * Where a webhook came from and where a pull request lives: a value, so that a new platform needs
 * no edit here. Which platforms a process knows is {@link KnownPlatforms}, never this type.
 *
 * @param code the value stored in the database and shown to people: lower-case letters, digits
 *     and '-', 1 to 32 characters
 */
public record PlatformId(String code) {
    /** Before the constants below: their construction checks against it. */
    private static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,32}");

    /** Well known because GitHub and the Hub ship with evalbot; not a list of the platforms. */
    public static final PlatformId GITHUB = new PlatformId("github");
    public static final PlatformId HUB = new PlatformId("hub");

    public PlatformId {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("unknown platform: " + code);
        }
    }

    /** @throws IllegalArgumentException when the code is not a platform's code */
    public static PlatformId of(String code) {
        return new PlatformId(code);
    }
}
