package io.github.jwtextended.key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a configured {@link KeySource} into the {@link KeyResolver} a manager signs and verifies
 * with: the keys published at a JWKS URL ({@link RemoteJwksKeyResolver}), the PEM and JWK Set keys
 * (files read here), or the HMAC secret for each allowed HMAC algorithm.
 *
 * <p>Refused with an {@link IllegalStateException} that names the setting and quotes no key
 * material: a file that cannot be read, a key that does not parse or is weak or mismatched (RSA
 * under 2048 bits, an EC key off its curve or on the wrong curve, a key marked for encryption, a
 * private and public key that are not a pair; see {@link JwtKey}), a key set mixing HMAC with
 * public-key keys or repeating a {@code kid}, a key bound to an algorithm the allow-list does not
 * hold, an allowed public-key algorithm without a key, an ambiguous or missing signing key, and a
 * public-key algorithm without any key. A setting is named by {@code names} from its Java name in
 * the configuration ({@code keys.pem.privateKeyFile}; the configuration's naming says it the way
 * the application gave it, {@code JWT_PRIVATE_KEY_FILE} through the environment).
 *
 * <p>Thread safety: stateless.
 */
public final class KeyResolvers {
    private KeyResolvers() {
    }

    /** {@link #from(KeySource, Set, Clock, UnaryOperator)} naming settings by their Java names. */
    public static KeyResolver from(KeySource source, Set<JwsAlgorithm> allowed, Clock clock) {
        return from(source, allowed, clock, UnaryOperator.identity());
    }

    /**
     * The resolver for {@code source}, whose keys may be bound only to algorithms of {@code allowed}
     * (the configuration's decode allow-list, which holds {@link KeySource#algorithm()});
     * {@code clock} times a remote JWKS's cache; refusals name settings by {@code names}.
     */
    public static KeyResolver from(KeySource source, Set<JwsAlgorithm> allowed, Clock clock, UnaryOperator<String> names) {
        return from(source, allowed, clock, names, JwksFetchListener.NONE);
    }

    /**
     * {@link #from(KeySource, Set, Clock, UnaryOperator)}, a remote JWKS's fetches reported to
     * {@code fetches} (the manager passes its listeners).
     */
    public static KeyResolver from(KeySource source, Set<JwsAlgorithm> allowed, Clock clock, UnaryOperator<String> names,
                                   JwksFetchListener fetches) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(fetches, "fetches");
        Loader loader = new Loader(source, allowed, names);
        RemoteJwks remote = source.remote();
        if (remote.url() == null) {
            return loader.local();
        }
        loader.refuseLocalKeysBeside();
        return RemoteJwksKeyResolver.builder(remote.url())
                .cacheTtl(remote.cacheTtl())
                .refetchInterval(remote.refetchInterval())
                .connectTimeout(remote.connectTimeout())
                .readTimeout(remote.readTimeout())
                .maxStaleness(remote.maxStaleness())
                .defaultAlgorithm(source.algorithm())
                .clock(clock)
                .listener(fetches)
                .build();
    }

    /**
     * Refuses what {@link #from} would refuse, without keeping a resolver: the local keys are read
     * and checked, a JWKS URL is not fetched. For a start that checks every setting before it does
     * anything else.
     */
    public static void check(KeySource source, Set<JwsAlgorithm> allowed, UnaryOperator<String> names) {
        Loader loader = new Loader(source, allowed, names);
        if (source.remote().url() == null) {
            loader.local();
        } else {
            loader.refuseLocalKeysBeside();
        }
    }

    /** One reading of a key source; {@code names} names its settings in refusals. */
    private record Loader(KeySource source, Set<JwsAlgorithm> allowed, UnaryOperator<String> names) {
        Loader {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(allowed, "allowed");
            Objects.requireNonNull(names, "names");
        }

        private String name(String component) {
            return names.apply("keys." + component);
        }

        void refuseLocalKeysBeside() {
            if (source.hasLocalKeys()) {
                throw new IllegalStateException(name("remote.url") + " cannot be combined with local keys: a service that verifies "
                        + "with a remote JWKS only verifies");
            }
        }

        /** The PEM and JWK Set keys, or the secret; checked against {@link #allowed}. */
        KeyResolver local() {
            List<JwtKey> keys = localKeys();
            if (keys.isEmpty()) {
                return secretKeys();
            }
            checkAgainstAllowed(keys);
            String signingKid = signingKeyId(keys);
            return signingKid != null ? StaticKeyResolver.withSigningKey(signingKid, keys) : StaticKeyResolver.of(keys);
        }

        /** The HMAC secret under the signing algorithm and under every other allowed HMAC algorithm. */
        private KeyResolver secretKeys() {
            JwsAlgorithm algorithm = source.algorithm();
            if (algorithm.isAsymmetric()) {
                throw new IllegalStateException(name("algorithm") + " " + algorithm + " needs keys: " + name("pem.privateKey")
                        + " and/or " + name("pem.publicKey") + ", " + name("jwks.file") + ", " + name("remote.url")
                        + ", or a key resolver given to the manager");
            }
            if (source.secretLength() == 0) {
                throw new IllegalStateException(name("secret") + " must be set when using symmetric algorithm \"" + algorithm + "\"");
            }
            byte[] secret = source.secret();
            List<JwtKey> list = new ArrayList<>();
            list.add(JwtKey.hmac(algorithm, secret, null));
            for (JwsAlgorithm a : allowed) {
                if (a != algorithm) {
                    list.add(JwtKey.hmac(a, secret, null));
                }
            }
            return StaticKeyResolver.of(list);
        }

        /** The PEM keys, then the JWK Set's keys, parsed and checked one by one. */
        private List<JwtKey> localKeys() {
            JwsAlgorithm algorithm = source.algorithm();
            List<JwtKey> out = new ArrayList<>();
            PemKeys pem = source.pem();
            String privatePem = pem.privateKey() != null ? pem.privateKey() : read(pem.privateKeyFile(), "pem.privateKeyFile");
            String publicPem = pem.publicKey() != null ? pem.publicKey() : read(pem.publicKeyFile(), "pem.publicKeyFile");
            if (privatePem != null || publicPem != null) {
                if (algorithm.isSymmetric()) {
                    throw new IllegalStateException(name("pem.privateKey") + " and " + name("pem.publicKey") + " need a public-key "
                            + name("algorithm") + " (RS256, PS256, ES256, EdDSA, ...); " + algorithm + " uses " + name("secret"));
                }
                String joined = (privatePem == null ? "" : privatePem + "\n") + (publicPem == null ? "" : publicPem);
                try {
                    out.add(JwtKey.fromPem(algorithm, joined, source.signingKid()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(name("pem.privateKey") + "/" + name("pem.publicKey") + ": " + e.getMessage());
                }
            }
            String set = source.jwks().json() != null ? source.jwks().json() : read(source.jwks().file(), "jwks.file");
            if (set != null) {
                try {
                    out.addAll(Jwks.parse(set, algorithm.isAsymmetric() ? algorithm : null));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(name("jwks.json") + "/" + name("jwks.file") + ": " + e.getMessage());
                }
            }
            return out;
        }

        /** One set (no HMAC mixed with public keys, no repeated kid), each key's algorithm allowed, each allowed algorithm keyed. */
        private void checkAgainstAllowed(List<JwtKey> keys) {
            try {
                StaticKeyResolver.of(keys);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("The configured keys: " + e.getMessage());
            }
            String allowList = name("algorithm") + "/" + names.apply("decode.algorithms");
            for (JwtKey k : keys) {
                if (!allowed.contains(k.algorithm())) {
                    throw new IllegalStateException("A configured key is bound to " + k.algorithm() + ", which " + allowList
                            + " do not allow");
                }
            }
            for (JwsAlgorithm a : allowed) {
                if (a.isAsymmetric() && keys.stream().noneMatch(k -> k.algorithm() == a)) {
                    throw new IllegalStateException(names.apply("decode.algorithms") + " allows " + a + " but no configured key is "
                            + "bound to it (one key, one algorithm: give its key in " + name("jwks.file") + ")");
                }
            }
        }

        /** The {@code kid} of the key that signs; null when none can sign, for HMAC keys, or for a lone signer without kid. */
        private String signingKeyId(List<JwtKey> keys) {
            List<JwtKey> signers = keys.stream().filter(JwtKey::canSign).toList();
            if (signers.isEmpty() || signers.get(0).isSymmetric()) {
                return null; // verify only, or HMAC keys (whose first one signs)
            }
            String wanted = source.signingKid();
            JwtKey chosen;
            if (wanted != null) {
                chosen = signers.stream().filter(k -> wanted.equals(k.keyId())).findFirst().orElseThrow(() ->
                        new IllegalStateException(name("signingKid") + " names no configured private key"));
            } else if (signers.size() == 1) {
                chosen = signers.get(0);
            } else {
                throw new IllegalStateException("Several configured keys can sign: set " + name("signingKid")
                        + " to the kid of the one that signs");
            }
            if (chosen.algorithm() != source.algorithm()) {
                throw new IllegalStateException("The signing key is bound to " + chosen.algorithm() + " but " + name("algorithm")
                        + " is " + source.algorithm());
            }
            if (chosen.keyId() == null && signers.size() > 1) {
                throw new IllegalStateException("The signing key needs a kid when several keys are configured");
            }
            return chosen.keyId();
        }

        private String read(Path file, String component) {
            if (file == null) {
                return null;
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(name(component) + " cannot be read");
            }
        }
    }
}
