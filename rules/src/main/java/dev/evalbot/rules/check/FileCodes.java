package dev.evalbot.rules.check;

import java.util.List;

/** Codes for problems with a file as a whole, found before any rule runs. */
public final class FileCodes {
    private FileCodes() {}

    public static final RuleCode YAML_SYNTAX = new RuleCode("yaml-syntax", Severity.ERROR,
            "the file is valid YAML");
    public static final RuleCode YAML_ALIAS = new RuleCode("yaml-alias", Severity.ERROR,
            "no anchors/aliases are used (they can blow a small file up to gigabytes)");
    public static final RuleCode DUPLICATE_KEY = new RuleCode("duplicate-key", Severity.ERROR,
            "no key appears twice in one mapping");
    public static final RuleCode FILE_TOO_LARGE = new RuleCode("file-too-large", Severity.ERROR,
            "the file is within the size limit (default 1 MiB)");
    public static final RuleCode TOO_MANY_ENTRIES = new RuleCode("too-many-entries", Severity.ERROR,
            "the file is within the entry limit (default 10,000)");
    public static final RuleCode TOO_DEEP = new RuleCode("too-deep", Severity.ERROR,
            "nesting is within the depth limit (default 64)");
    public static final RuleCode INVALID_UTF8 = new RuleCode("invalid-utf8", Severity.ERROR,
            "the file is UTF-8 text");
    public static final RuleCode EMPTY_FILE = new RuleCode("empty-file", Severity.ERROR,
            "the file has content");
    public static final RuleCode NOT_A_LIST = new RuleCode("not-a-list", Severity.ERROR,
            "a results file is a YAML list of entries");
    public static final RuleCode ENTRY_NOT_A_MAPPING = new RuleCode("entry-not-a-mapping", Severity.ERROR,
            "each entry is a mapping of keys to values");
    public static final RuleCode TOO_MANY_FILES = new RuleCode("too-many-files", Severity.ERROR,
            "a change holds at most the configured number of results files");

    public static final List<RuleCode> ALL = List.of(YAML_SYNTAX, YAML_ALIAS, DUPLICATE_KEY, FILE_TOO_LARGE,
            TOO_MANY_ENTRIES, TOO_DEEP, INVALID_UTF8, EMPTY_FILE, NOT_A_LIST, ENTRY_NOT_A_MAPPING, TOO_MANY_FILES);

    public static RuleCode forRefusal(String code) {
        for (RuleCode c : ALL) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        return YAML_SYNTAX;
    }
}
