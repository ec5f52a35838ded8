package dev.evalbot.rules.yaml;

import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The YAML 1.2 core schema with a resolver that gives every scalar the same tag as
 * snakeyaml-engine's {@link CoreScalarResolver}, without its regular expressions for the scalars
 * that cannot be numbers. snakeyaml's resolver runs two patterns (empty and null) on every plain
 * scalar whose first character starts no other pattern, a third on keys such as {@code task_id}:
 * about a sixth of the loader's time on a 1 MiB results file. Plain decimals ({@code 42},
 * {@code 0.512}) are read by hand too; other scalars that may be numbers or {@code ${ENV}}
 * references still go to snakeyaml's resolver.
 */
final class FastCoreSchema extends CoreSchema {
    private final ScalarResolver resolver = new Resolver(new CoreScalarResolver());

    @Override
    public ScalarResolver getScalarResolver() {
        return resolver;
    }

    /** Exactly CoreScalarResolver's answers; {@code NodeComposerPropertyTest} holds it to that. */
    static final class Resolver implements ScalarResolver {
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
                Tag decimal = plainDecimal(value);
                return decimal != null ? decimal : core.resolve(value, implicit);
            }
            if (isBool(value)) {
                return Tag.BOOL;
            }
            return isNull(value) ? Tag.NULL : Tag.STR;
        }

        /**
         * INT for {@code [-+]?[0-9]+}, FLOAT for {@code [-+]?[0-9]*\.[0-9]*} with a digit, what
         * the core patterns say for these (INT is tried first); null for anything else (exponents,
         * 0x, 0o, .inf, ${ENV}, text), which goes to the core resolver.
         */
        static Tag plainDecimal(String value) {
            int n = value.length();
            int i = value.charAt(0) == '+' || value.charAt(0) == '-' ? 1 : 0;
            int digits = 0;
            while (i < n && isDigit(value.charAt(i))) {
                i++;
                digits++;
            }
            if (i == n) {
                return digits > 0 ? Tag.INT : null;
            }
            if (value.charAt(i++) != '.') {
                return null;
            }
            while (i < n && isDigit(value.charAt(i))) {
                i++;
                digits++;
            }
            return i == n && digits > 0 ? Tag.FLOAT : null;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isBool(String value) {
            return switch (value.length()) {
                case 4 -> value.equals("true") || value.equals("True") || value.equals("TRUE");
                case 5 -> value.equals("false") || value.equals("False") || value.equals("FALSE");
                default -> false;
            };
        }

        private static boolean isNull(String value) {
            return switch (value.length()) {
                case 1 -> value.equals("~") || value.equals(" ");
                case 4 -> value.equals("null") || value.equals("Null") || value.equals("NULL");
                default -> false;
            };
        }
    }
}
