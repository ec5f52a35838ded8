package dev.evalbot.app.cli.token;

import com.nimbusds.jose.jwk.JWK;
import dev.evalbot.app.trust.SigningAlgorithm;
import dev.evalbot.app.trust.TokenIssuer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code token keygen --out DIR [--alg EdDSA|ES256|RS256] [--kid ID]}. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate a signing key: DIR/private.jwk.json (keep it secret) and DIR/jwks.json (publish it).")
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the two files")
    Path out;

    @Option(names = "--alg", defaultValue = "EdDSA", paramLabel = "ALG",
            description = "EdDSA (Ed25519, default), ES256 or RS256")
    SigningAlgorithm alg;

    @Option(names = "--kid", paramLabel = "ID", description = "key id; default: from the key's thumbprint")
    String kid;

    @Override
    public Integer call() {
        try {
            JWK key = TokenIssuer.generateKey(alg, kid);
            TokenIssuer.KeyFiles files = TokenIssuer.writeKeyPair(key, out);
            PrintWriter o = spec.commandLine().getOut();
            o.println("key " + key.getKeyID() + " (" + alg.name() + ")");
            o.println("private key: " + files.privateKey() + " (keep secret)");
            o.println("public key set: " + files.publicJwks() + " (publish; point EVALBOT_VERIFY_JWKS at it)");
            o.flush();
            return TokenCommand.OK;
        } catch (FileAlreadyExistsException e) {
            return TokenCommand.fail(spec, e.getMessage());
        } catch (IOException e) {
            return TokenCommand.fail(spec, "cannot write to " + out + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return TokenCommand.fail(spec, String.valueOf(e.getMessage()));
        }
    }
}
