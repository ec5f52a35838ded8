// Runs app.js on a plain Node HTTP server (Probot's own middleware, no Express/pino-http), at
// POST /webhooks/github, against the GitHub API at GITHUB_API_URL.
// Env: PORT, GITHUB_API_URL, APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, LOG_LEVEL.
// Octokit's throttling is off: its default write group spaces every write 1 s apart process-wide,
// which would cap the peer at about one review a second; evalbot does not throttle a loopback fake either.
const http = require("node:http");
const { Probot, ProbotOctokit, createNodeMiddleware } = require("probot");

const probot = new Probot({
  appId: process.env.APP_ID,
  privateKey: process.env.PRIVATE_KEY,
  secret: process.env.WEBHOOK_SECRET,
  baseUrl: process.env.GITHUB_API_URL,
  logLevel: process.env.LOG_LEVEL || "warn",
  // A function, so it applies after Probot's own defaults (an object would have its throttle replaced).
  Octokit: ProbotOctokit.defaults((options) => ({ ...options, throttle: { ...options.throttle, enabled: false } })),
});
const middleware = createNodeMiddleware(require("./app.js"), { probot, webhooksPath: "/webhooks/github" });
const server = http.createServer((req, res) => {
  if (req.url === "/readyz") {
    res.writeHead(200).end("ok");
    return;
  }
  middleware(req, res, () => res.writeHead(404).end());
});
const port = Number(process.env.PORT || 3000);
server.listen(port, "127.0.0.1", () => console.log(`peer listening on 127.0.0.1:${port}`));
