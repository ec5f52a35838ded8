package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.review.PlatformException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The Authorization header for GitHub calls: a fixed token, or a GitHub App installation token
 * minted from a short-lived App JWT, cached per installation and renewed five minutes before
 * it expires (installation tokens live one hour).
 */
public final class GitHubAuth {
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private record InstallationToken(String token, Instant expiresAt) {}

    private final GitHubSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final RSAPrivateKey appKey;
    private final Cache<Long, InstallationToken> tokens;
    /** Authorization header of a minted token -> its installation, for {@link #accountOf}. */
    private final Cache<String, Long> minted = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfterWrite(Duration.ofHours(2)).build();
    private final Cache<String, Long> installations = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1)).build();

    public GitHubAuth(GitHubSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        try {
            this.appKey = settings.isApp() ? AppPrivateKey.read(settings.appPrivateKey()) : null;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("GITHUB_APP_PRIVATE_KEY is neither a PEM RSA key nor a readable file: "
                    + e.getClass().getSimpleName());
        }
        this.tokens = Caffeine.newBuilder().maximumSize(10_000).expireAfter(new Expiry<Long, InstallationToken>() {
            @Override
            public long expireAfterCreate(Long key, InstallationToken value, long currentTime) {
                return Math.max(0, Duration.between(clock.instant(), value.expiresAt().minus(RENEW_BEFORE)).toNanos());
            }

            @Override
            public long expireAfterUpdate(Long key, InstallationToken value, long currentTime, long currentDuration) {
                return expireAfterCreate(key, value, currentTime);
            }

            @Override
            public long expireAfterRead(Long key, InstallationToken value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /**
     * The header for GitHub API reads made while reviewing {@code pr} (source checks): the
     * installation's token for a GitHub pull request, the bot's token for any; none for a Hub pull
     * request under a GitHub App (it has no installation).
     */
    public java.util.Optional<String> forPullRequest(dev.evalbot.app.event.PullRequestRef pr) {
        if (pr.platform().equals(PlatformId.GITHUB) && (installation(pr) != null || !settings.isApp())) {
            return java.util.Optional.of(authorization(installation(pr)));
        }
        return settings.isApp() ? java.util.Optional.empty() : java.util.Optional.of(authorization(null));
    }

    /** The header value for calls on behalf of {@code installationId} (ignored for token auth). */
    public String authorization(Long installationId) {
        if (!settings.isApp()) {
            return "token " + settings.token();
        }
        if (installationId == null) {
            throw new PlatformException("the event has no installation id; a GitHub App can only act on installations",
                    0, false, null, null);
        }
        return "token " + tokens.get(installationId, this::mint).token();
    }

    /**
     * Whose GitHub budget a request with this Authorization header spends: "installation N" for an
     * installation token, "token" for the configured token, null for the App's own JWT calls (minting
     * tokens, finding installations), which GitHub limits apart.
     */
    public String accountOf(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.startsWith("Bearer ")) {
            return null;
        }
        if (!settings.isApp()) {
            return "token";
        }
        Long installation = minted.getIfPresent(authorizationHeader);
        return installation == null ? "installation ?" : "installation " + installation;
    }

    /**
     * The header value for calls about {@code repo} made outside any webhook (publishing a
     * leaderboard): the App's installation on that repository, looked up once and cached.
     */
    public String authorizationForRepo(String repo) {
        if (!settings.isApp()) {
            return "token " + settings.token();
        }
        Long installation = installations.get(repo, this::installationOf);
        return authorization(installation);
    }

    private Long installationOf(String repo) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.apiUrl() + "/repos/" + repo + "/installation"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + appJwt())
                    .header("Accept", "application/vnd.github+json").GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new PlatformException("the GitHub App is not installed on " + repo + " (HTTP "
                        + response.statusCode() + ")", response.statusCode(), response.statusCode() >= 500, null, null);
            }
            return json.readTree(response.body()).path("id").asLong();
        } catch (IOException e) {
            throw new PlatformException("cannot reach GitHub: " + e.getMessage(), 0, true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted", 0, true, null, e);
        }
    }

    private InstallationToken mint(Long installationId) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.apiUrl() + "/app/installations/"
                    + installationId + "/access_tokens"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + appJwt())
                    .header("Accept", "application/vnd.github+json")
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                boolean retry = response.statusCode() >= 500 || response.statusCode() == 429;
                throw new PlatformException("GitHub refused an installation token (HTTP " + response.statusCode() + ")",
                        response.statusCode(), retry, RetryAdvice.notBefore(response.headers().map(), clock), null);
            }
            JsonNode body = json.readTree(response.body());
            InstallationToken token = new InstallationToken(body.path("token").asText(),
                    Instant.parse(body.path("expires_at").asText()));
            minted.put("token " + token.token(), installationId);
            return token;
        } catch (IOException e) {
            throw new PlatformException("cannot reach GitHub for an installation token: " + e.getMessage(), 0, true,
                    null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted", 0, true, null, e);
        }
    }

    /** The App's own JWT: RS256, issued 60 s in the past against clock drift, valid 9 minutes. */
    String appJwt() {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(settings.appId())
                .issueTime(Date.from(now.minusSeconds(60))).expirationTime(Date.from(now.plusSeconds(540))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(appKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the GitHub App JWT", e);
        }
        return jwt.serialize();
    }

    /** The GitHub App installation that acts on {@code pr}'s repository, or null for a token's own account. */
    public static Long installation(dev.evalbot.app.event.PullRequestRef pr) {
        return pr.access() == null ? null : Long.valueOf(pr.access());
    }
}
