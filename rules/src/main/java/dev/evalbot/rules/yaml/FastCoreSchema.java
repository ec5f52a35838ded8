package dev.evalbot.rules.yaml;

import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The YAML 1.2 core schema with a resolver that gives every scalar the same tag as
 * snakeyaml-engine's {@link CoreScalarResolver}, without its regular expressions for the scalars
 * that cannot be numbers. snakeyaml's resolver runs two patterns (empty and null) on every plain
 * scalar whose first character starts no other pattern, a third on keys such as {@code task_id}:
 * about a sixth of the loader's time on a 1 MiB results file. Scalars that may be numbers or
 * {@code ${ENV}} references still go to snakeyaml's resolver.
 */
final class FastCoreSchema extends CoreSchema {
    private final ScalarResolver resolver = new Resolver(new CoreScalarResolver());

    @Override
    public ScalarResolver getScalarResolver() {
        return resolver;
    }

    /** Exactly CoreScalarResolver's answers; {@code FastCoreSchemaTest} holds it to that. */
    static final class Resolver implements ScalarResolver {
        private static final Set<String> BOOLS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");
        private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL", " ");
        private final ScalarResolver core;

        Resolver(ScalarResolver core) {
            this.core = core;
        }

        @Override
        public Tag resolve(String value, Boolean implicit) {
            if (!implicit) {
                return Tag.STR;
            }
            if (value.isEmpty()) {
                return Tag.NULL;
            }
            char first = value.charAt(0);
            if ((first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.' || first == '$') {
                return core.resolve(value, implicit);
            }
            if (BOOLS.contains(value)) {
                return Tag.BOOL;
            }
            return NULLS.contains(value) ? Tag.NULL : Tag.STR;
        }
    }
}
