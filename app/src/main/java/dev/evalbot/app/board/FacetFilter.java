package dev.evalbot.app.board;

import dev.evalbot.rules.board.FacetParser;
import dev.evalbot.rules.board.Facets;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task's filter by facet: one drop-down per facet that at least one shown report has, with the
 * values present. Hidden until the page's script runs (without JavaScript the chips still show
 * every row's facets). A row matches when its shown report has every chosen facet.
 */
final class FacetFilter {
    /** Facets in the order of {@code Facets.keys()}, and their names. */
    private static final List<String> ORDER = List.of("tools", "cot", "shots", "provider", "temperature");
    private static final Map<String, String> NAMES = Map.of("tools", "Tools", "cot", "Chain of thought",
            "shots", "Shots", "provider", "Provider", "temperature", "Temperature");

    private FacetFilter() {}

    static String render(TaskBoard task, FacetParser parser) {
        return render(task.rows(), parser);
    }

    /** Over the rows shown: the filter hides and shows those, and a page's rows are all it reads. */
    static String render(List<Row> rows, FacetParser parser) {
        // facet -> key -> chip label, each sorted by key
        Map<String, Map<String, String>> present = new LinkedHashMap<>();
        ORDER.forEach(k -> present.put(k, new TreeMap<>()));
        for (Row row : rows) {
            Facets f = parser.parse(row.best().notes());
            List<String> keys = f.keys();
            List<String> chips = f.chips();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                present.get(key.substring(0, key.indexOf(':'))).put(key, chips.get(i));
            }
        }
        if (present.values().stream().allMatch(Map::isEmpty)) {
            return "";
        }
        StringBuilder html = new StringBuilder("<fieldset class=\"facet-filter\" hidden>\n<legend>Filter by setup</legend>\n");
        present.forEach((facet, values) -> {
            if (values.isEmpty()) {
                return;
            }
            html.append("<label>").append(NAMES.get(facet)).append(" <select data-facet=\"").append(facet)
                    .append("\"><option value=\"\">any</option>");
            values.forEach((key, chip) -> html.append("<option value=\"").append(Html.text(key)).append("\">")
                    .append(Html.text(chip)).append("</option>"));
            html.append("</select></label>\n");
        });
        return html.append("</fieldset>\n").toString();
    }
}
