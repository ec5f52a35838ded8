package dev.evalbot.app.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.RuleCatalog;
import dev.evalbot.rules.check.RuleCode;

/** SARIF 2.1.0, so that GitHub code scanning shows evalbot's findings inline. */
public final class SarifWriter {
    private final ObjectMapper mapper;
    private final String version;

    public SarifWriter(ObjectMapper mapper, String version) {
        this.mapper = mapper;
        this.version = version;
    }

    public ObjectNode write(ChangeReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "evalbot");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/evalbot/evalbot#rules");
        ArrayNode rules = driver.putArray("rules");
        for (RuleCode code : RuleCatalog.all()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", code.code());
            rule.putObject("shortDescription").put("text", code.checks());
            rule.putObject("defaultConfiguration").put("level", level(code.severity()));
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : report.allFindings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.code());
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", f.hint() == null ? f.message() : f.message() + " (" + f.hint() + ")");
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", f.file().replace('\\', '/'));
            if (f.line() > 0) {
                ObjectNode region = physical.putObject("region");
                region.put("startLine", f.line());
                if (f.column() > 0) {
                    region.put("startColumn", f.column());
                }
            }
        }
        return root;
    }

    private static String level(dev.evalbot.rules.check.Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTICE -> "note";
        };
    }
}
