// evalbot's job, minimally, as a Probot app: on pull_request opened/synchronize/reopened, list the
// PR's files, fetch and parse each .eval_results/*.yaml, and post one comment (created once).
const YAML = require("yaml");

const commentIds = new Map(); // "owner/repo#number" -> comment id

module.exports = (app) => {
  app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], async (context) => {
    const pr = context.payload.pull_request;
    const { owner, repo } = context.repo();
    const files = await context.octokit.paginate(context.octokit.pulls.listFiles,
      { owner, repo, pull_number: pr.number, per_page: 100 });
    const lines = [];
    for (const f of files) {
      if (!/^\.eval_results\/[^/]+\.ya?ml$/.test(f.filename) || f.status === "removed") continue;
      const { data } = await context.octokit.repos.getContent({ owner, repo, path: f.filename, ref: pr.head.sha });
      const text = Buffer.from(data.content, data.encoding || "base64").toString("utf8");
      let entries;
      try {
        entries = YAML.parse(text);
      } catch (e) {
        lines.push(`- \`${f.filename}\`: not valid YAML (${e.message.split("\n")[0]})`);
        continue;
      }
      const n = Array.isArray(entries) ? entries.length : 0;
      lines.push(`- \`${f.filename}\`: ${n} entr${n === 1 ? "y" : "ies"}`);
    }
    const body = `### evalbot peer review of ${pr.head.sha.slice(0, 7)}\n\n${lines.join("\n") || "No results files changed."}\n`;
    const key = `${owner}/${repo}#${pr.number}`;
    const id = commentIds.get(key);
    if (id === undefined) {
      const { data } = await context.octokit.issues.createComment({ owner, repo, issue_number: pr.number, body });
      commentIds.set(key, data.id);
    } else {
      await context.octokit.issues.updateComment({ owner, repo, comment_id: id, body });
    }
  });
};
