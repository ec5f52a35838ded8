package dev.evalbot.rules.check;

import java.util.ArrayList;
import java.util.List;

/** The review of a whole change: one report per reviewed file, in the change's order. */
public record ChangeReport(List<FileReport> files, List<Finding> changeFindings) {
    public ChangeReport {
        files = List.copyOf(files);
        changeFindings = List.copyOf(changeFindings);
    }

    public List<Finding> allFindings() {
        List<Finding> all = new ArrayList<>(changeFindings);
        files.forEach(f -> all.addAll(f.findings()));
        return all;
    }

    public Verdict verdict() {
        return Verdict.of(allFindings());
    }

    public long count(Severity severity) {
        return allFindings().stream().filter(f -> f.severity() == severity).count();
    }

    public boolean isEmpty() {
        return files.isEmpty() && changeFindings.isEmpty();
    }
}
